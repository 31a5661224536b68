import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServerConfig } from '../src/config.js';
import { cardSchema } from '../src/google-addon/card-schema.js';
import { buildApp } from '../src/server/app.js';
import { createAuthenticator } from '../src/server/authentication.js';
import { openStore } from '../src/store/database.js';
import { calendarReadScope, startFakeGoogleWorkspace } from '../test/fakes/fake-google-workspace.js';
import { fakeServiceAccountEmail, startFakeTokenIssuer } from '../test/fakes/fake-token-issuer.js';
import { freePort } from '../test/fakes/http-helpers.js';

/**
 * `POST /google/event-open` over loopback, as Google calls it: a fresh ID token on each request
 * (checked against a local issuer), the event read through the real googleapis client from the
 * fake Calendar API, the embedded judge, the card built and sent. One request at a time, so the
 * figures are latencies, not queueing. Also: the card's JSON size for a 12-item agenda.
 */

export interface GoogleAddonFigures {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  responseBytes: number;
  cardBytes: number;
  cardWidgets: number;
}

const agendaItems = [
  'Sales numbers for the week',
  'Support queue status',
  'Release train status',
  'Decide the launch date for the EU rollout',
  'Hiring update',
  'Discuss the on-call rota change',
  'Marketing campaign results',
  'Budget variance report',
  'Decide who owns the migration',
  'Customer escalations overview',
  'Security review status',
  'Team lunch on Friday',
];

export async function measureGoogleAddon(requests = 1000): Promise<GoogleAddonFigures> {
  const issuer = await startFakeTokenIssuer();
  const google = await startFakeGoogleWorkspace();
  const folder = mkdtempSync(join(tmpdir(), 'invite-challenger-google-bench-'));
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const config = loadServerConfig({
    PORT: String(port),
    PUBLIC_URL: publicUrl,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    GOOGLE_SERVICE_ACCOUNT_EMAIL: fakeServiceAccountEmail,
    GOOGLE_CERTS_URL: issuer.certsUrl,
    GOOGLE_API_ROOT_URL: google.rootUrl,
  });
  const store = await openStore({ sqlitePath: join(folder, 'store.sqlite') });
  const app = await buildApp({ config, store, authenticate: createAuthenticator(config) });
  await app.listen({ host: '127.0.0.1', port });
  try {
    google.addUser('ya29.bench', { email: 'ada@example.com', scopes: [calendarReadScope] });
    google.putEvent('ada@example.com', {
      id: 'bench-event',
      summary: 'Weekly operations review',
      description: `<p>Agenda:</p><ol>${agendaItems.map((item) => `<li>${item}</li>`).join('')}</ol>`,
      organizer: { email: 'ada@example.com', self: true },
      start: { dateTime: '2026-12-08T09:00:00+01:00' },
      end: { dateTime: '2026-12-08T10:00:00+01:00' },
      recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'],
      attendees: Array.from({ length: 12 }, (_, index) => ({ email: `p${index}@example.com` })),
    });
    const body = JSON.stringify({
      commonEventObject: { hostApp: 'CALENDAR', platform: 'WEB' },
      authorizationEventObject: { userOAuthToken: 'ya29.bench' },
      calendar: { calendarId: 'ada@example.com', id: 'bench-event', organizer: { email: 'ada@example.com' }, capabilities: { canSeeAttendees: true, canAddAttachments: true } },
    });
    const url = `${publicUrl}/google/event-open`;
    // Tokens made beforehand: signing is Google's cost, checking is ours.
    const tokens = await Promise.all(Array.from({ length: 100 }, () => issuer.sign(issuer.googleClaims(url))));
    const call = async (index: number) => {
      const started = performance.now();
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[index % tokens.length]}` }, body });
      const text = await response.text();
      const elapsed = performance.now() - started;
      if (response.status !== 200) throw new Error(`event-open answered ${response.status}: ${text.slice(0, 200)}`);
      return { elapsed, text };
    };
    for (let index = 0; index < 50; index++) await call(index);
    const latencies: number[] = [];
    let last = '';
    for (let index = 0; index < requests; index++) {
      const { elapsed, text } = await call(index);
      latencies.push(elapsed);
      last = text;
    }
    latencies.sort((a, b) => a - b);
    const at = (quantile: number) => latencies[Math.min(latencies.length - 1, Math.ceil(quantile * latencies.length) - 1)]!;
    const card = cardSchema.parse((JSON.parse(last) as { action: { navigations: [{ pushCard: unknown }] } }).action.navigations[0].pushCard);
    return {
      requests,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      maxMs: latencies.at(-1)!,
      responseBytes: Buffer.byteLength(last),
      cardBytes: Buffer.byteLength(JSON.stringify(card)),
      cardWidgets: card.sections.reduce((count, section) => count + section.widgets.length, 0),
    };
  } finally {
    await app.close();
    await store.close();
    await google.close();
    await issuer.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
