import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ConfigError, loadServerConfig } from '../../src/config.js';
import { resolveReportSigningSecret, UnsubscribeLinks } from '../../src/report/unsubscribe.js';
import { createAuthenticator } from '../../src/server/authentication.js';
import { buildApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/store.js';
import { openTestStore } from '../support/test-stores.js';

const secret = 'unsubscribe-test-secret-0123456789';

describe('signed unsubscribe links', () => {
  const links = new UnsubscribeLinks(secret, 'https://challenger.example.com/');
  const ada = { tenantId: 'contoso', userId: 'ada' };

  it('names the user and verifies only with the same secret', () => {
    const url = links.urlFor(ada);
    expect(url).toMatch(/^https:\/\/challenger\.example\.com\/unsubscribe\?t=[\w-]+\.[\w-]+$/);
    const token = new URL(url).searchParams.get('t')!;
    expect(links.verify(token)).toEqual(ada);
    expect(new UnsubscribeLinks('another-secret-0123456789abcdef', 'https://x.example').verify(token)).toBeUndefined();
  });

  it('rejects a token changed to name someone else, a cut signature and garbage', () => {
    const token = links.tokenFor(ada);
    const [, signature] = token.split('.');
    const grace = Buffer.from(JSON.stringify(['contoso', 'grace'])).toString('base64url');
    expect(links.verify(`${grace}.${signature}`)).toBeUndefined();
    expect(links.verify(token.slice(0, -3))).toBeUndefined();
    expect(links.verify('not-a-token')).toBeUndefined();
    expect(links.verify(undefined)).toBeUndefined();
  });

  it('makes a secret once for a local SQLite setup, keeps it private, and insists on one with PostgreSQL', () => {
    const folder = mkdtempSync(join(tmpdir(), 'invite-challenger-secret-'));
    const sqlitePath = join(folder, 'store.sqlite');
    const first = resolveReportSigningSecret({ sqlitePath });
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(resolveReportSigningSecret({ sqlitePath })).toBe(first);
    expect(readFileSync(join(folder, 'report-signing-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(join(folder, 'report-signing-secret')).mode & 0o077).toBe(0);
    expect(resolveReportSigningSecret({ configured: secret, sqlitePath })).toBe(secret);
    expect(() => resolveReportSigningSecret({ databaseUrl: 'postgres://db/app', sqlitePath })).toThrow(ConfigError);
  });
});

describe('the /unsubscribe route', () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  // Real HTTP, as a mailbox provider would call it.
  const request = async (method: string, path: string, init: { headers?: Record<string, string>; payload?: string } = {}) => {
    const response = await fetch(`${base}${path}`, { method, headers: init.headers, body: init.payload });
    return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  };
  const links = new UnsubscribeLinks(secret, 'http://127.0.0.1');
  const ada = { tenantId: 'local', userId: 'ada@example.com' };

  beforeAll(async () => {
    store = await openTestStore('sqlite');
    await store.users.upsertByEmail({ email: 'ada@example.com', timeZone: 'UTC', calendar: { ics: '/x.ics' }, optIn: true });
    const config = loadServerConfig({ REPORT_SIGNING_SECRET: secret, LOG_LEVEL: 'silent', PUBLIC_URL: 'http://127.0.0.1' });
    app = await buildApp({ config, store, authenticate: createAuthenticator(config) });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('shows a confirmation page on GET and changes nothing (link scanners follow GETs)', async () => {
    const response = await request('GET', `/unsubscribe?t=${links.tokenFor(ada)}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('<form method="post"');
    expect(response.body).toContain('ada@example.com');
    expect((await store.settings.getSettings(ada)).reportOptIn).toBe(true);
  });

  it('unsubscribes on the RFC 8058 one-click POST', async () => {
    const response = await request('POST', `/unsubscribe?t=${links.tokenFor(ada)}`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('You are unsubscribed');
    expect((await store.settings.getSettings(ada)).reportOptIn).toBe(false);
  });

  it('refuses a tampered link or one signed with another secret, changing no one', async () => {
    const grace = { tenantId: 'local', userId: 'grace@example.com' };
    await store.users.upsertByEmail({ email: 'grace@example.com', timeZone: 'UTC', calendar: { ics: '/g.ics' }, optIn: true });
    const [, adaSignature] = links.tokenFor(ada).split('.');
    const forged = `${Buffer.from(JSON.stringify([grace.tenantId, grace.userId])).toString('base64url')}.${adaSignature}`;
    const foreign = new UnsubscribeLinks('someone-elses-secret-0123456789', 'http://127.0.0.1').tokenFor(grace);
    for (const token of [forged, foreign, '']) {
      const response = await request('POST', `/unsubscribe?t=${token}`, { headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n' });
      expect(response.statusCode).toBe(400);
    }
    expect((await store.settings.getSettings(grace)).reportOptIn).toBe(true);
  });
});
