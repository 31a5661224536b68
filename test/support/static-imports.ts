import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * What a source file pulls in through static imports, for the tests that keep heavy packages
 * (vendor SDKs, the AI SDK, ical.js) loading only on first use.
 */

/** Every module a file pulls in through static `import … from` / `export … from` (type-only ones excluded), with the chain that leads there. */
export function staticGraph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const specifier = match[1]!;
      const target = specifier.startsWith('.') ? sourceFile(resolve(dirname(file), specifier)) : specifier;
      if (seen.has(target)) continue;
      seen.set(target, [...seen.get(file)!, target]);
      if (specifier.startsWith('.')) queue.push(target);
    }
  }
  return seen;
}

/** The import chains, relative to `root`, that reach any package whose name matches `heavy`. */
export function chainsTo(graph: Map<string, string[]>, heavy: (specifier: string) => boolean, root: string): string[] {
  return [...graph.keys()].filter(heavy).map((target) => graph.get(target)!.map((file) => file.replace(`${root}/`, '')).join(' -> '));
}

/** `./x.js` in an import is `./x.ts` or `./x.tsx` on disk. */
function sourceFile(path: string): string {
  const candidates = [path.replace(/\.js$/, '.ts'), path.replace(/\.js$/, '.tsx'), path];
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0]!;
}
