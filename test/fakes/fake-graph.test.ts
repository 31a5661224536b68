import { startFakeGraph, type FakeGraph } from './fake-graph.js';

/** The fake's own contract, over plain fetch: what the mailer and calendar tests rely on. */
let graph: FakeGraph;
beforeEach(async () => {
  graph = await startFakeGraph();
});
afterEach(() => graph.stop());

async function token(secret = graph.clientSecret): Promise<Response> {
  return fetch(`${graph.url}/${graph.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: graph.clientId, client_secret: secret, scope: 'https://graph.microsoft.com/.default' }),
  });
}

async function bearer(): Promise<string> {
  return `Bearer ${((await (await token()).json()) as { access_token: string }).access_token}`;
}

describe('fake Graph', () => {
  it('issues client-credential tokens and refuses a wrong secret with invalid_client', async () => {
    expect((await token()).status).toBe(200);
    const refused = await token('nope');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
  });

  it('records a JSON sendMail and a MIME one, answering 202', async () => {
    graph.addMailbox('sender@contoso.com', []);
    const authorization = await bearer();
    const json = await fetch(`${graph.graphBaseUrl}/users/sender%40contoso.com/sendMail`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ message: { subject: 'Hi', toRecipients: [{ emailAddress: { address: 'ana@contoso.com' } }] }, saveToSentItems: false }),
    });
    expect(json.status).toBe(202);
    const mime = await fetch(`${graph.graphBaseUrl}/users/sender%40contoso.com/sendMail`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'text/plain' },
      body: Buffer.from('Subject: Hello\r\nTo: ana@contoso.com\r\n\r\nBody').toString('base64'),
    });
    expect(mime.status).toBe(202);
    expect(graph.sentMail).toEqual([
      expect.objectContaining({ mailbox: 'sender@contoso.com', message: expect.objectContaining({ subject: 'Hi' }), saveToSentItems: false }),
      expect.objectContaining({ mailbox: 'sender@contoso.com', mime: expect.stringContaining('Subject: Hello') }),
    ]);
  });

  it('refuses a sendMail without recipients, and any call without a valid token', async () => {
    graph.addMailbox('sender', []);
    const authorization = await bearer();
    const empty = await fetch(`${graph.graphBaseUrl}/users/sender/sendMail`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ message: { subject: 'x' } }) });
    expect(empty.status).toBe(400);
    const anonymous = await fetch(`${graph.graphBaseUrl}/users/sender/calendarView?startDateTime=2026-06-01T00:00:00Z&endDateTime=2026-06-02T00:00:00Z`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
  });

  it('answers a $batch item by item, with throttling inside a 200, and refuses more than 20', async () => {
    graph.addMailbox('a', []);
    graph.setOptions({ throttleRate: 1, retryAfterSeconds: 5 });
    const authorization = await bearer();
    const url = '/users/a/calendarView?startDateTime=2026-06-01T00:00:00Z&endDateTime=2026-06-02T00:00:00Z';
    const batch = await fetch(`${graph.graphBaseUrl}/$batch`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ requests: [{ id: '1', method: 'GET', url }] }),
    });
    expect(batch.status).toBe(200);
    expect(await batch.json()).toMatchObject({ responses: [{ id: '1', status: 429, headers: { 'Retry-After': '5' } }] });
    const tooMany = await fetch(`${graph.graphBaseUrl}/$batch`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ requests: Array.from({ length: 21 }, (_, index) => ({ id: String(index), method: 'GET', url })) }),
    });
    expect(tooMany.status).toBe(400);
  });

  it('answers 429 past the per-mailbox concurrency limit and counts it', async () => {
    graph.addMailbox('m', []);
    graph.setOptions({ latencyMs: 30, maxConcurrentPerMailbox: 2 });
    const authorization = await bearer();
    const url = `${graph.graphBaseUrl}/users/m/calendarView?startDateTime=2026-06-01T00:00:00Z&endDateTime=2026-06-02T00:00:00Z`;
    const statuses = await Promise.all(Array.from({ length: 3 }, async () => (await fetch(url, { headers: { authorization } })).status));
    expect(statuses.sort()).toEqual([200, 200, 429]);
    expect(graph.concurrencyViolations).toBe(1);
  });
});
