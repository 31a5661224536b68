import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * What the task pane page loads before any click: the scripts its HTML names (office.js excluded,
 * it comes from Microsoft's CDN in production), gzipped as a server would send them (level 6).
 * Chunks loaded on demand are listed separately. Run directly: `tsx bench/taskpane-bundle.ts`.
 */

export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface TaskpaneBundle {
  initial: BundleFile[];
  initialGzipKb: number;
  onDemand: BundleFile[];
}

function measureFile(dist: string, file: string): BundleFile {
  const content = readFileSync(join(dist, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 6 }).length };
}

function scriptsOf(htmlFile: string): string[] {
  return [...readFileSync(htmlFile, 'utf8').matchAll(/<script\b[^>]*\bsrc="?([^"\s>]+)/g)].map((match) => match[1]!);
}

export function measureTaskpaneBundle(dist = resolve('dist')): TaskpaneBundle {
  const html = join(dist, 'taskpane.html');
  if (!existsSync(html)) throw new Error(`${html} is missing: run npm run build first`);
  const initialFiles = scriptsOf(html).filter((src) => !/^https?:/.test(src) && !src.startsWith('office/'));
  // the sign-in dialog is a page of its own, not part of the pane
  const otherPages = readdirSync(dist).filter((name) => name.endsWith('.html') && name !== 'taskpane.html').flatMap((name) => scriptsOf(join(dist, name)));
  const initial = initialFiles.map((file) => measureFile(dist, file));
  const onDemand = readdirSync(join(dist, 'taskpane'))
    .filter((name) => name.endsWith('.js') && !initialFiles.includes(`taskpane/${name}`) && !otherPages.includes(`taskpane/${name}`))
    .map((name) => measureFile(dist, `taskpane/${name}`))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const initialGzipKb = initial.reduce((sum, file) => sum + file.gzipBytes, 0) / 1024;
  return { initial, initialGzipKb, onDemand };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const bundle = measureTaskpaneBundle();
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`Task pane initial JavaScript: ${bundle.initialGzipKb.toFixed(1)} KB gzip (target ≤ 200)`);
  for (const file of bundle.initial) console.log(`  ${file.file}: ${kb(file.bytes)}, ${kb(file.gzipBytes)} gzip`);
  console.log('On demand:');
  for (const file of bundle.onDemand) console.log(`  ${file.file}: ${kb(file.bytes)}, ${kb(file.gzipBytes)} gzip`);
}
