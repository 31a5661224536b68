/**
 * Writes dist/manifest.xml from manifest.xml with the dev base URL (https://localhost:3000)
 * rewritten to the production base URL: npx tsx scripts/build-manifest.ts --url https://addin.example.com
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const devBaseUrl = 'https://localhost:3000';

export function rewriteManifest(xml: string, productionBaseUrl: string): string {
  const url = new URL(productionBaseUrl);
  if (url.protocol !== 'https:') throw new Error(`--url must be https, got ${productionBaseUrl}`);
  const base = productionBaseUrl.replace(/\/+$/, '');
  return xml.split(devBaseUrl).join(base);
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const url = argValue('--url');
  if (!url) {
    console.error('usage: tsx scripts/build-manifest.ts --url https://your.host[/path]');
    process.exit(2);
  }
  const out = argValue('--out') ?? 'dist/manifest.xml';
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, rewriteManifest(readFileSync('manifest.xml', 'utf8'), url));
  console.log(`wrote ${out} for ${url}`);
}
