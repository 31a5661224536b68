import { createServer } from 'node:net';

/** Small helpers the fake vendor servers and their harnesses share. */

/** The request-body reader every test server uses (one copy, in test/support/http.ts). */
export { readBody } from '../support/http.js';

/** Small seeded PRNG: the same seed throws the same faults. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** A port on 127.0.0.1 that was free a moment ago, for servers that must know their URL before they listen. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
