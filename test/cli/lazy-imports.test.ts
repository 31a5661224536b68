import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chainsTo, staticGraph } from '../support/static-imports.js';

/**
 * Heavy packages load only when used: `report` and `worker` load vendor SDKs only when
 * configured (googleapis alone takes over a second), and `check` on JSON loads neither the AI SDK
 * (~145 ms) nor ical.js.
 */

const vendorSdks = ['googleapis', 'google-auth-library', '@azure/msal-node', '@microsoft/microsoft-graph-client'];
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('the report wiring', () => {
  it('imports no vendor SDK statically (they load on first use)', () => {
    const graph = staticGraph(resolve(root, 'src/cli/report-delivery.ts'));
    expect(graph.size).toBeGreaterThan(10);
    expect(chainsTo(graph, (specifier) => vendorSdks.includes(specifier), root)).toEqual([]);
  });
});

describe('the check command', () => {
  it('imports neither the AI SDK nor ical.js statically (an LLM call or a calendar loads them)', () => {
    const graph = staticGraph(resolve(root, 'src/cli/run-command.ts'));
    expect(graph.has(resolve(root, 'src/cli/read-invites.ts'))).toBe(true);
    const heavy = (specifier: string) => specifier === 'ai' || specifier.startsWith('@ai-sdk/') || specifier === 'ical.js';
    expect(chainsTo(graph, heavy, root)).toEqual([]);
  });
});
