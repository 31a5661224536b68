import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServerConfig } from '../src/config.js';
import { buildApp } from '../src/server/app.js';
import { createAuthenticator } from '../src/server/authentication.js';
import { openStore } from '../src/store/database.js';
import { fakeClientId, fakeTenantId, startFakeTokenIssuer } from '../test/fakes/fake-token-issuer.js';

/**
 * `POST /api/judge` under load over loopback: the real server (Entra token checked on every
 * request against a local issuer, SQLite store, embedded judge), driven by autocannon with
 * 10 connections for 10 seconds, cycling through the development set's invites.
 */

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export async function measureApiLoad(inviteLines: readonly string[], seconds = 10): Promise<LoadFigures> {
  const issuer = await startFakeTokenIssuer();
  const folder = mkdtempSync(join(tmpdir(), 'invite-challenger-load-'));
  const config = loadServerConfig({
    ENTRA_TENANT_ID: fakeTenantId,
    ENTRA_CLIENT_ID: fakeClientId,
    ENTRA_JWKS_URL: issuer.jwksUrl,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const store = await openStore({ sqlitePath: join(folder, 'store.sqlite') });
  const app = await buildApp({ config, store, authenticate: createAuthenticator(config) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const token = await issuer.sign(issuer.entraClaims());
    const bodies = inviteLines.map((line) => {
      const { label: _label, sensitive: _sensitive, ...invite } = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify({ invite });
    });
    const port = (app.server.address() as { port: number }).port;
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: 10,
      // The load generator on its own thread, so it does not share the server's event loop.
      workers: 1,
      duration: seconds,
      requests: bodies.map((body) => ({ method: 'POST', path: '/api/judge', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })),
    });
    return {
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
    };
  } finally {
    await app.close();
    await store.close();
    await issuer.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
