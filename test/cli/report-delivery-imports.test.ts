import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `report` and `worker` load vendor SDKs only when configured (googleapis alone takes over a
 * second): nothing reachable through static imports from the report wiring may import one.
 */

const vendorSdks = ['googleapis', 'google-auth-library', '@azure/msal-node', '@microsoft/microsoft-graph-client'];
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every module a file pulls in through static `import … from` / `export … from` (type-only ones excluded), with the chain that leads there. */
function staticGraph(entry: string): Map<string, string[]> {
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

/** `./x.js` in an import is `./x.ts` or `./x.tsx` on disk. */
function sourceFile(path: string): string {
  const candidates = [path.replace(/\.js$/, '.ts'), path.replace(/\.js$/, '.tsx'), path];
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0]!;
}

describe('the report wiring', () => {
  it('imports no vendor SDK statically (they load on first use)', () => {
    const graph = staticGraph(resolve(root, 'src/cli/report-delivery.ts'));
    expect(graph.size).toBeGreaterThan(10);
    const chains = vendorSdks.filter((sdk) => graph.has(sdk)).map((sdk) => graph.get(sdk)!.map((file) => file.replace(`${root}/`, '')).join(' -> '));
    expect(chains).toEqual([]);
  });
});
