import { Writable } from 'node:stream';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SmtpThreadChannel } from '../../src/channels/smtp/smtp-channel.js';
import { loadServerConfig, type ServerConfig } from '../../src/config.js';
import { asyncThreadSchema, verdictSchema, type AsyncThread } from '../../src/core/verdict.js';
import { buildApp } from '../../src/server/app.js';
import { createAuthenticator } from '../../src/server/authentication.js';
import type { Store } from '../../src/store/database.js';
import { fakeClientId, fakeTenantId, startFakeTokenIssuer, type FakeTokenIssuer } from '../fakes/fake-token-issuer.js';
import { openTestStore, storeKinds } from '../support/test-stores.js';

/**
 * The backend over real HTTP (a listening Fastify server, fetch), on each store, with tokens from
 * a local issuer and threads mailed to a real SMTP server on 127.0.0.1.
 */

const statusInvite = {
  subject: 'Weekly status readout',
  body: '<p>Each team reads out its status for the week. No decisions needed; numbers are in the dashboard.</p>',
  organizer: { email: 'mei@shop.example.com' },
  attendees: Array.from({ length: 9 }, (_, index) => ({ email: `p${index}@shop.example.com` })),
  start: '2025-06-02T09:00:00+10:00',
  durationMinutes: 30,
  recurrence: 'weekly',
};

interface Mailbox {
  port: number;
  messages: ParsedMail[];
  close(): Promise<void>;
}

async function startMailbox(): Promise<Mailbox> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => messages.push(mail))
        .then(() => callback(), callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(storeKinds())('the API on %s', (kind) => {
  let store: Store;
  let issuer: FakeTokenIssuer;
  let mailbox: Mailbox;
  let channel: SmtpThreadChannel;
  let app: FastifyInstance;
  let base: string;
  let config: ServerConfig;
  const logLines: string[] = [];
  const staticRoot = mkdtempSync(join(tmpdir(), 'invite-challenger-static-'));

  const start = async (overrides: Record<string, string> = {}) => {
    config = loadServerConfig({
      ENTRA_TENANT_ID: fakeTenantId,
      ENTRA_CLIENT_ID: fakeClientId,
      ENTRA_JWKS_URL: issuer.jwksUrl,
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '1000',
      ...overrides,
    });
    const logs = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const built = await buildApp({ config, store, authenticate: createAuthenticator(config), channels: { email: channel }, staticRoot, logDestination: logs });
    await built.listen({ host: '127.0.0.1', port: 0 });
    return { app: built, base: `http://127.0.0.1:${(built.server.address() as { port: number }).port}` };
  };

  beforeAll(async () => {
    issuer = await startFakeTokenIssuer();
    mailbox = await startMailbox();
    channel = new SmtpThreadChannel(`smtp://127.0.0.1:${mailbox.port}`, 'Invite Challenger <challenger@example.com>');
    store = await openTestStore(kind);
    writeFileSync(join(staticRoot, 'taskpane.html'), '<!doctype html><title>Task pane</title>');
    mkdirSync(join(staticRoot, 'src'));
    writeFileSync(join(staticRoot, 'src', 'config.js'), 'server code');
    ({ app, base } = await start());
  });

  afterAll(async () => {
    await app.close();
    channel.close();
    await store.close();
    await mailbox.close();
    await issuer.close();
  });

  const tokenFor = (claims: Record<string, unknown> = {}) => issuer.sign(issuer.entraClaims(claims));

  async function call(method: string, path: string, options: { body?: unknown; raw?: string; token?: string | null; headers?: Record<string, string> } = {}) {
    const token = options.token === undefined ? await tokenFor() : options.token;
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options.body !== undefined || options.raw !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined, text };
  }

  describe('health', () => {
    it('is alive and ready, without a token', async () => {
      expect((await call('GET', '/healthz', { token: null })).body).toMatchObject({ status: 'ok' });
      expect((await call('GET', '/readyz', { token: null })).body).toEqual({ status: 'ready', store: kind });
    });
  });

  describe('authentication', () => {
    it('accepts a valid Entra token', async () => {
      expect((await call('GET', '/api/settings')).status).toBe(200);
    });

    const now = () => Math.floor(Date.now() / 1000);
    const refused: [string, () => Promise<string | null>, RegExp][] = [
      ['no token', async () => null, /missing token/],
      ['an expired token', () => tokenFor({ exp: now() - 3600, nbf: now() - 7200, iat: now() - 7200 }), /expired/],
      ['a token for another audience', () => tokenFor({ aud: 'api://someone-else' }), /wrong audience/],
      ['a token from another issuer', () => tokenFor({ iss: 'https://evil.example.com/v2.0' }), /wrong issuer/],
      ['a token signed by an unknown key', () => issuer.sign(issuer.entraClaims(), { key: 'unpublished' }), /unknown signing key/],
      ['an alg: none token', async () => issuer.unsignedToken(issuer.entraClaims()), /unsupported algorithm/],
      ['a tampered token', async () => issuer.tamperPayload(await tokenFor(), { oid: 'someone-else' }), /bad signature/],
    ];
    it.each(refused)('refuses %s with 401', async (_name, makeToken, reason) => {
      const token = await makeToken();
      const response = await call('GET', '/api/settings', { token });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ error: 'unauthorized' });
      expect(String(response.body?.message)).toMatch(reason);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      if (token) expect(response.text).not.toContain(token.split('.')[1]);
    });
  });

  describe('POST /api/judge', () => {
    it('judges an invite and returns a valid Verdict', async () => {
      const response = await call('POST', '/api/judge', { body: { invite: statusInvite } });
      expect(response.status).toBe(200);
      const verdict = verdictSchema.parse(response.body);
      expect(verdict.verdict).toBe('async');
      expect(verdict.cost).toMatchObject({ attendees: 10, minutes: 30, currency: 'USD' });
    });

    it('prices the meeting at the hourly rate in the user’s settings', async () => {
      const token = await tokenFor({ oid: 'rate-user' });
      expect((await call('PUT', '/api/settings', { token, body: { hourlyRate: 200, currency: 'EUR' } })).status).toBe(200);
      const verdict = verdictSchema.parse((await call('POST', '/api/judge', { token, body: { invite: statusInvite } })).body);
      expect(verdict.cost).toMatchObject({ amount: 1000, currency: 'EUR' });
    });

    it('says the embedded judge answered when a hybrid verdict is asked of a server without an LLM', async () => {
      const verdict = verdictSchema.parse((await call('POST', '/api/judge', { body: { invite: statusInvite, judge: 'hybrid' } })).body);
      expect(verdict.judge).toBe('embedded');
    });

    it('judges an invite with a 1 MB HTML body', async () => {
      const body = `<html><body>${'<p>Status of the migration &amp; next steps for <b>every</b> team</p>'.repeat(15_000)}</body></html>`;
      expect(body.length).toBeGreaterThan(1_000_000);
      const response = await call('POST', '/api/judge', { body: { invite: { ...statusInvite, body } } });
      expect(response.status).toBe(200);
      expect(verdictSchema.safeParse(response.body).success).toBe(true);
    });
  });

  describe('bad requests', () => {
    it('answers invalid JSON with 400 invalid_json', async () => {
      const response = await call('POST', '/api/judge', { raw: '{"invite": {' });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'invalid_json', message: 'the body is not valid JSON' });
    });

    it('names the path of a missing or mistyped field', async () => {
      const { start: _start, ...noStart } = statusInvite;
      expect((await call('POST', '/api/judge', { body: { invite: noStart } })).body).toEqual({ error: 'invalid_request', message: 'body.invite.start: is required' });
      const mistyped = await call('POST', '/api/judge', { body: { invite: { ...statusInvite, durationMinutes: 'half an hour' } } });
      expect(mistyped.status).toBe(400);
      expect(mistyped.body?.message).toMatch(/^body\.invite\.durationMinutes: /);
      expect((await call('POST', '/api/judge', { body: {} })).body?.message).toBe('body.invite: is required');
      expect((await call('POST', '/api/judge', { body: { invite: statusInvite, extra: 1 } })).body?.message).toMatch(/^body: .*extra/);
    });

    it('refuses a 2 MB body with 413 before reading it all', async () => {
      const response = await call('POST', '/api/judge', { raw: JSON.stringify({ invite: { ...statusInvite, body: 'x'.repeat(2_000_000) } }) });
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ error: 'body_too_large' });
    });

    it('answers unknown routes with a JSON 404', async () => {
      const response = await call('GET', '/api/nothing-here');
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: 'not_found', message: 'no route GET /api/nothing-here' });
    });
  });

  describe('threads', () => {
    let thread: AsyncThread;
    beforeAll(async () => {
      const response = await call('POST', '/api/thread', { body: { invite: statusInvite } });
      expect(response.status).toBe(200);
      thread = asyncThreadSchema.parse(response.body);
    });

    it('drafts a thread addressed to the attendees', () => {
      expect(thread.recipients).toEqual(expect.arrayContaining(['p0@shop.example.com', 'p8@shop.example.com']));
      expect(thread.items.length).toBeGreaterThan(0);
    });

    it('sends it once, however many times the same click is posted', async () => {
      const before = mailbox.messages.length;
      const body = { idempotencyKey: `send-${kind}-0001`, channel: 'email', thread };
      const answers = await Promise.all(Array.from({ length: 5 }, () => call('POST', '/api/thread/send', { body })));
      // One request sends; a concurrent repeat is told to wait (409); none sends again.
      expect(answers.filter((answer) => answer.status === 200)).not.toHaveLength(0);
      expect(answers.every((answer) => answer.status === 200 || answer.status === 409)).toBe(true);
      const later = await call('POST', '/api/thread/send', { body });
      expect(later.status).toBe(200);
      expect(later.headers.get('idempotent-replayed')).toBe('true');
      const first = answers.find((answer) => answer.status === 200)!;
      expect(later.body).toEqual(first.body);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(mailbox.messages.length - before).toBe(1);
      const mail = mailbox.messages.at(-1)!;
      expect(mail.subject).toBe(thread.title);
      expect(mail.text).toContain(thread.items[0]!.heading);
      expect(mail.html).toContain('<ol>');
      expect(mail.replyTo?.text).toContain('ada@contoso.example');
    });

    it('refuses the same key for a different thread, and a channel the server does not have', async () => {
      const key = `send-${kind}-0002`;
      expect((await call('POST', '/api/thread/send', { body: { idempotencyKey: key, channel: 'email', thread } })).status).toBe(200);
      const reused = await call('POST', '/api/thread/send', { body: { idempotencyKey: key, channel: 'email', thread: { ...thread, title: 'Another' } } });
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ error: 'idempotency_key_reused' });
      const teams = await call('POST', '/api/thread/send', { body: { idempotencyKey: `send-${kind}-0003`, channel: 'teams', thread } });
      expect(teams.status).toBe(422);
      expect(teams.body).toMatchObject({ error: 'channel_unavailable' });
    });
  });

  describe('tenant isolation', () => {
    it('keeps one user’s settings and feedback from any other, in the same tenant or another', async () => {
      const alice = await tokenFor({ oid: 'isolation-user' });
      const sameIdOtherTenant = await issuer.sign(
        issuer.entraClaims({ oid: 'isolation-user', tid: '0b2a5c1e-3f4d-4e6a-8b7c-9d0e1f2a3b4c', iss: 'https://login.microsoftonline.com/0b2a5c1e-3f4d-4e6a-8b7c-9d0e1f2a3b4c/v2.0' }),
      );
      // The server trusts one tenant: the other tenant's token is refused outright.
      expect((await call('GET', '/api/settings', { token: sameIdOtherTenant })).status).toBe(401);
      const bob = await tokenFor({ oid: 'another-user' });
      await call('PUT', '/api/settings', { token: alice, body: { hourlyRate: 321, timeZone: 'Europe/Paris' } });
      await call('POST', '/api/feedback', { token: alice, body: { invite: statusInvite, verdict: 'async', expected: 'keep', comment: 'we decide things here', surface: 'outlook' } });
      expect((await call('GET', '/api/settings', { token: alice })).body).toMatchObject({ hourlyRate: 321, timeZone: 'Europe/Paris' });
      const bobSettings = (await call('GET', '/api/settings', { token: bob })).body;
      expect(bobSettings).toMatchObject({ hourlyRate: null, timeZone: 'UTC' });
      expect((await call('GET', '/api/feedback', { token: bob })).body).toEqual({ feedback: [] });
      const aliceFeedback = (await call('GET', '/api/feedback', { token: alice })).body as { feedback: { comment: string }[] };
      expect(aliceFeedback.feedback.map((item) => item.comment)).toEqual(['we decide things here']);
    });

    it('stores a fingerprint of the invite with feedback, never its text', async () => {
      const response = await call('POST', '/api/feedback', { body: { invite: statusInvite, verdict: 'async', surface: 'outlook' } });
      expect(response.status).toBe(201);
      const listed = JSON.stringify((await call('GET', '/api/feedback')).body);
      expect(listed).toMatch(/"fingerprint":"[0-9a-f]{64}"/);
      expect(listed).not.toContain('status for the week');
    });
  });

  describe('settings', () => {
    it('rejects an unknown time zone and a judge the server cannot run', async () => {
      expect((await call('PUT', '/api/settings', { body: { timeZone: 'Mars/Olympus' } })).body?.message).toMatch(/^body\.timeZone: /);
      expect((await call('PUT', '/api/settings', { body: { judgeMode: 'llm' } })).body?.message).toMatch(/^body\.judgeMode: this server has no LLM/);
    });
  });

  describe('headers, static files, logs', () => {
    it('lets Outlook frame the task pane and sets the other security headers', async () => {
      const response = await fetch(`${base}/taskpane.html`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-frame-options')).toBeNull();
      expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self' https:\/\/\*\.office\.com/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age/);
    });

    it('serves the built add-in files and not the server code beside them', async () => {
      expect((await fetch(`${base}/src/config.js`)).status).toBe(404);
      const root = await fetch(`${base}/`, { redirect: 'manual' });
      expect(root.status).toBe(302);
      expect(root.headers.get('location')).toBe('/taskpane.html');
    });

    it('lists the launch-event bundle at the well-known URI classic Outlook on Windows reads', async () => {
      const response = await call('GET', '/.well-known/microsoft-officeaddins-allowed.json', { token: null });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ allowed: [`${config.publicUrl}/launchevent.js`] });
    });

    it('never logs a token, an invite’s text or an e-mail address', async () => {
      const token = await tokenFor();
      await call('POST', '/api/judge', { token, body: { invite: { ...statusInvite, subject: 'Secret project Bluebird' } } });
      await call('POST', '/api/judge', { token, raw: '{"invite": "Secret project Bluebird' });
      const logs = logLines.join('\n');
      expect(logLines.length).toBeGreaterThan(0);
      expect(logs).toContain('/api/judge');
      expect(logs).not.toContain(token.split('.')[1]!);
      expect(logs).not.toContain('Bluebird');
      expect(logs).not.toMatch(/[\w.-]+@[\w-]+\.[\w.]+/);
    });
  });

  describe('rate limiting', () => {
    it('answers 429 with Retry-After past the limit, counted per user', async () => {
      const limited = await start({ RATE_LIMIT_PER_MINUTE: '3' });
      try {
        const token = await tokenFor({ oid: 'busy-user' });
        const statuses: number[] = [];
        for (let index = 0; index < 4; index++) {
          const response = await fetch(`${limited.base}/api/settings`, { headers: { authorization: `Bearer ${token}` } });
          statuses.push(response.status);
          if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        }
        expect(statuses).toEqual([200, 200, 200, 429]);
        const other = await fetch(`${limited.base}/api/settings`, { headers: { authorization: `Bearer ${await tokenFor({ oid: 'calm-user' })}` } });
        expect(other.status).toBe(200);
      } finally {
        await limited.app.close();
      }
    });
  });
});
