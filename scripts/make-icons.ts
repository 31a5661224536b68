/**
 * Draws the add-in icon (a rounded square in the brand colour #5B5FC7 with a white speech bubble
 * and an arrow cut out of it: "turn this meeting into a message") into assets/icon-<size>.png.
 * Run: npx tsx scripts/make-icons.ts. The PNGs are committed; rerun only to change the design.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './lib/png.js';

export const iconSizes = [16, 32, 64, 80, 128] as const;
const brand = [0x5b, 0x5f, 0xc7] as const;

/** Signed-distance-ish tests in a unit square (0..1). */
function inRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inTriangle(x: number, y: number, a: [number, number], b: [number, number], c: [number, number]): boolean {
  const sign = (p: [number, number], q: [number, number]) => (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1]);
  const d1 = sign(a, b);
  const d2 = sign(b, c);
  const d3 = sign(c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

/** 0 = transparent, 1 = brand, 2 = white. */
function shade(x: number, y: number): 0 | 1 | 2 {
  if (!inRoundedRect(x, y, 0, 0, 1, 1, 0.2)) return 0;
  const bubble = inRoundedRect(x, y, 0.18, 0.2, 0.82, 0.68, 0.12) || inTriangle(x, y, [0.3, 0.6], [0.48, 0.6], [0.28, 0.84]);
  if (!bubble) return 1;
  // Arrow (pointing right) cut out of the bubble, in brand colour.
  const arrow = inRoundedRect(x, y, 0.3, 0.4, 0.56, 0.48, 0.01) || inTriangle(x, y, [0.54, 0.3], [0.54, 0.58], [0.7, 0.44]);
  return arrow ? 1 : 2;
}

export function drawIcon(size: number): Buffer {
  const samples = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let alpha = 0;
      let white = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const s = shade((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (s > 0) alpha++;
          if (s === 2) white++;
        }
      }
      const i = (py * size + px) * 4;
      const w = alpha ? white / alpha : 0;
      rgba[i] = Math.round(brand[0] + (255 - brand[0]) * w);
      rgba[i + 1] = Math.round(brand[1] + (255 - brand[1]) * w);
      rgba[i + 2] = Math.round(brand[2] + (255 - brand[2]) * w);
      rgba[i + 3] = Math.round((255 * alpha) / (samples * samples));
    }
  }
  return encodePng(size, size, rgba);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
  mkdirSync(assets, { recursive: true });
  for (const size of iconSizes) {
    const file = join(assets, `icon-${size}.png`);
    writeFileSync(file, drawIcon(size));
    console.log(`wrote ${file}`);
  }
}
