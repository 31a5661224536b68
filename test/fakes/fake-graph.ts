import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32, readBody } from './http-helpers.js';

/**
 * Microsoft Graph and the Entra ID token endpoint on 127.0.0.1, for the real MSAL and Graph
 * clients. Shaped after the documented wire format:
 *
 * - `POST /{tenant}/oauth2/v2.0/token` (client credentials, form-encoded): `{ token_type, expires_in,
 *   access_token }`; a wrong client id or secret gets 401 `invalid_client` (AADSTS7000215).
 * - `GET /v1.0/users/{id}/calendarView?startDateTime&endDateTime[&$select][&$top]`: events that
 *   overlap the range, `$select` applied, `Prefer: outlook.timezone` and
 *   `outlook.body-content-type="text"` honoured, pages of `$top` (default 10) linked by
 *   `@odata.nextLink` with a `$skiptoken`.
 * - `GET /v1.0/users/{id}/events/{eventId}` (a series master, for its `recurrence`).
 * - `POST /v1.0/$batch`: at most 20 requests, run concurrently; each answer carries its own status
 *   and headers, so a throttled item is a 429 with `Retry-After` inside a 200 batch, as Graph does.
 * - `POST /v1.0/users/{id}/sendMail`: JSON `{ message, saveToSentItems }` or a base64 MIME body
 *   (`Content-Type: text/plain`); 202, recorded in `sentMail`.
 *
 * Throttling like Graph's: seeded random 429s and 503s with `Retry-After`, and a per-mailbox
 * limit of concurrent requests (4 for Outlook resources) answered with 429 and counted in
 * `concurrencyViolations`. A missing or unknown bearer token gets 401 `InvalidAuthenticationToken`.
 */

export interface GraphDateTime {
  dateTime: string;
  timeZone: string;
}

export interface GraphEmailAddress {
  name?: string;
  address?: string;
}

/** An event resource as Graph stores it (times in UTC). */
export interface FakeGraphEvent {
  id: string;
  subject?: string;
  body?: { contentType: 'html' | 'text'; content: string };
  start: GraphDateTime;
  end: GraphDateTime;
  attendees?: Array<{ type: 'required' | 'optional' | 'resource'; emailAddress: GraphEmailAddress; status?: { response: string; time?: string } }>;
  organizer?: { emailAddress: GraphEmailAddress };
  isAllDay?: boolean;
  isCancelled?: boolean;
  isOrganizer?: boolean;
  responseStatus?: { response: 'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded'; time?: string };
  seriesMasterId?: string | null;
  type?: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster';
  isOnlineMeeting?: boolean;
  location?: { displayName?: string };
  recurrence?: unknown;
}

export interface FakeGraphReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RecordedGraphRequest {
  method: string;
  /** Path and query as received (for batch items: the item's relative URL). */
  url: string;
  mailbox?: string;
  inBatch: boolean;
  status: number;
  headers: Record<string, string>;
  at: number;
}

export interface SentGraphMail {
  mailbox: string;
  /** The JSON message, or undefined for a MIME send. */
  message?: unknown;
  saveToSentItems?: boolean;
  /** The decoded MIME text, for a MIME send. */
  mime?: string;
  at: number;
}

export interface FakeGraphOptions {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** Added before every answer (batch items each wait it, concurrently). */
  latencyMs?: number;
  /** Share of requests (0..1) answered 429 at random. */
  throttleRate?: number;
  /** Share of requests (0..1) answered 503 at random. */
  unavailableRate?: number;
  /** Retry-After on throttled answers, in seconds as Graph writes it (fractions allowed here for benchmarks). */
  retryAfterSeconds?: number;
  /** Concurrent requests allowed per mailbox before 429 (Graph: 4 for Outlook resources). */
  maxConcurrentPerMailbox?: number;
  /** Seed for the random faults, so runs repeat. */
  seed?: number;
}

export interface FakeGraph {
  /** `http://127.0.0.1:<port>`: the Entra authority host for ENTRA_AUTHORITY_URL. */
  url: string;
  /** `${url}/v1.0`: GRAPH_BASE_URL. */
  graphBaseUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Every request, batch items included, in the order answered. */
  requests: RecordedGraphRequest[];
  sentMail: SentGraphMail[];
  /** Tokens issued by the token endpoint. */
  tokensIssued: number;
  /** Requests refused because their mailbox already had the maximum in flight. */
  concurrencyViolations: number;
  /** Highest number of requests seen in flight for any one mailbox. */
  peakConcurrencyPerMailbox: number;
  /** Adds a mailbox (user id or address) with its events; `address` is its SMTP address. */
  addMailbox(id: string, events: FakeGraphEvent[], address?: string): void;
  /** The next request whose URL contains `urlPart` gets this reply instead (in order). */
  failNext(urlPart: string, ...replies: FakeGraphReply[]): void;
  /** Makes every token issued so far invalid (a 401 on the next call). */
  revokeTokens(): void;
  setOptions(options: Partial<FakeGraphOptions>): void;
  stop(): Promise<void>;
}

const maxBatchSize = 20;

export async function startFakeGraph(initial: FakeGraphOptions = {}): Promise<FakeGraph> {
  const options: Required<FakeGraphOptions> = {
    tenantId: 'contoso-tenant',
    clientId: '11111111-2222-3333-4444-555555555555',
    clientSecret: 'fake-secret-value',
    latencyMs: 0,
    throttleRate: 0,
    unavailableRate: 0,
    retryAfterSeconds: 1,
    maxConcurrentPerMailbox: 4,
    seed: 1,
    ...initial,
  };
  let random = mulberry32(options.seed);
  const mailboxes = new Map<string, { events: FakeGraphEvent[]; address?: string }>();
  const scripted: Array<{ urlPart: string; reply: FakeGraphReply }> = [];
  const tokens = new Set<string>();
  const inFlight = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();

  const sleep = (milliseconds: number) =>
    milliseconds <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, milliseconds);
          timers.add(timer);
        });

  const fake: FakeGraph = {
    url: '',
    graphBaseUrl: '',
    tenantId: options.tenantId,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    requests: [],
    sentMail: [],
    tokensIssued: 0,
    concurrencyViolations: 0,
    peakConcurrencyPerMailbox: 0,
    addMailbox(id, events, address) {
      const entry = { events: [...events].sort((a, b) => a.start.dateTime.localeCompare(b.start.dateTime)), address };
      mailboxes.set(id.toLowerCase(), entry);
      if (address) mailboxes.set(address.toLowerCase(), entry);
    },
    failNext(urlPart, ...replies) {
      for (const reply of replies) scripted.push({ urlPart, reply });
    },
    revokeTokens() {
      tokens.clear();
    },
    setOptions(changes) {
      Object.assign(options, changes);
      if (changes.seed !== undefined) random = mulberry32(changes.seed);
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  /** One Graph request (top level or a batch item): the place throttling and routing happen. */
  async function handle(method: string, url: string, headers: Record<string, string>, body: unknown, inBatch: boolean): Promise<FakeGraphReply> {
    const parsed = new URL(url, 'http://graph.invalid/v1.0/');
    const path = parsed.pathname.replace(/^\/v1\.0/, '');
    const mailbox = /^\/users\/([^/]+)/.exec(path)?.[1];
    const mailboxKey = mailbox ? decodeURIComponent(mailbox).toLowerCase() : undefined;
    const record = (reply: FakeGraphReply): FakeGraphReply => {
      fake.requests.push({ method, url, mailbox: mailboxKey, inBatch, status: reply.status, headers, at: Date.now() });
      return reply;
    };
    if (!inBatch) {
      const token = /^Bearer (.+)$/i.exec(headers.authorization ?? '')?.[1];
      if (!token || !tokens.has(token)) {
        return record({
          status: 401,
          headers: { 'WWW-Authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"' },
          body: graphError('InvalidAuthenticationToken', token ? 'Access token validation failure. Invalid audience.' : 'Access token is empty.'),
        });
      }
    }
    if (mailboxKey) {
      const count = (inFlight.get(mailboxKey) ?? 0) + 1;
      if (count > options.maxConcurrentPerMailbox) {
        fake.concurrencyViolations += 1;
        await sleep(options.latencyMs);
        return record(throttled('ApplicationThrottled', 'Application is over its MailboxConcurrency limit.'));
      }
      inFlight.set(mailboxKey, count);
      fake.peakConcurrencyPerMailbox = Math.max(fake.peakConcurrencyPerMailbox, count);
    }
    try {
      await sleep(options.latencyMs);
      const scriptIndex = scripted.findIndex((entry) => url.includes(entry.urlPart));
      if (scriptIndex >= 0) return record(scripted.splice(scriptIndex, 1)[0]!.reply);
      if (!/\/sendMail$/.test(path)) {
        const roll = random();
        if (roll < options.throttleRate) return record(throttled('TooManyRequests', 'Too many requests.'));
        if (roll < options.throttleRate + options.unavailableRate) {
          return record({ status: 503, headers: { 'Retry-After': String(options.retryAfterSeconds) }, body: graphError('ServiceUnavailable', 'Service unavailable.') });
        }
      }
      return record(route(method, path, parsed.searchParams, headers, body));
    } finally {
      if (mailboxKey) inFlight.set(mailboxKey, (inFlight.get(mailboxKey) ?? 1) - 1);
    }
  }

  function throttled(code: string, message: string): FakeGraphReply {
    return { status: 429, headers: { 'Retry-After': String(options.retryAfterSeconds) }, body: graphError(code, message) };
  }

  function route(method: string, path: string, query: URLSearchParams, headers: Record<string, string>, body: unknown): FakeGraphReply {
    let match = /^\/users\/([^/]+)\/calendarView$/i.exec(path);
    if (match && method === 'GET') return calendarView(decodeURIComponent(match[1]!), query, headers);
    match = /^\/users\/([^/]+)\/events\/([^/]+)$/i.exec(path);
    if (match && method === 'GET') {
      const mailbox = mailboxes.get(decodeURIComponent(match[1]!).toLowerCase());
      if (!mailbox) return unknownUser(match[1]!);
      const event = mailbox.events.find((each) => each.id === decodeURIComponent(match![2]!));
      if (!event) return { status: 404, body: graphError('ErrorItemNotFound', 'The specified object was not found in the store.') };
      return { status: 200, body: select(event, query.get('$select')) };
    }
    match = /^\/users\/([^/]+)\/sendMail$/i.exec(path);
    if (match && method === 'POST') return sendMail(decodeURIComponent(match[1]!), headers, body);
    return { status: 400, body: graphError('BadRequest', `Resource not found for the segment '${path.split('/').pop() ?? ''}'.`) };
  }

  function calendarView(id: string, query: URLSearchParams, headers: Record<string, string>): FakeGraphReply {
    const mailbox = mailboxes.get(id.toLowerCase());
    if (!mailbox) return unknownUser(id);
    const start = Date.parse(withZone(query.get('startDateTime') ?? ''));
    const end = Date.parse(withZone(query.get('endDateTime') ?? ''));
    if (Number.isNaN(start) || Number.isNaN(end)) {
      return { status: 400, body: graphError('ErrorInvalidParameter', "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.") };
    }
    const top = Math.min(Number(query.get('$top') ?? 10) || 10, 1000);
    const skip = query.get('$skiptoken') ? Number(Buffer.from(query.get('$skiptoken')!, 'base64url').toString('utf8')) : 0;
    const overlapping = mailbox.events.filter((event) => Date.parse(withZone(event.start.dateTime)) < end && Date.parse(withZone(event.end.dateTime)) > start);
    const page = overlapping.slice(skip, skip + top);
    const prefer = headers.prefer ?? '';
    const asText = /outlook\.body-content-type="?text"?/i.test(prefer);
    const value = page.map((event) => presentedOnce(event, asText, query.get('$select')));
    const result: Record<string, unknown> = { '@odata.context': `${fake.graphBaseUrl}/$metadata#Collection(event)`, value };
    if (skip + top < overlapping.length) {
      const next = new URLSearchParams(query);
      next.set('$skiptoken', Buffer.from(String(skip + top)).toString('base64url'));
      result['@odata.nextLink'] = `${fake.graphBaseUrl}/users/${encodeURIComponent(id)}/calendarView?${next.toString()}`;
    }
    return { status: 200, headers: { 'Content-Type': 'application/json; odata.metadata=minimal', 'Preference-Applied': prefer }, body: result };
  }

  function sendMail(id: string, headers: Record<string, string>, body: unknown): FakeGraphReply {
    const mailbox = mailboxes.get(id.toLowerCase());
    if (!mailbox) return unknownUser(id);
    const contentType = headers['content-type'] ?? '';
    if (/^text\/plain/i.test(contentType)) {
      const mime = Buffer.from(String(body ?? ''), 'base64').toString('utf8');
      if (!/^[\w-]+:/m.test(mime)) return { status: 400, body: graphError('ErrorMimeContentInvalidBase64String', 'Invalid base64 string for MIME content.') };
      fake.sentMail.push({ mailbox: id, mime, at: Date.now() });
      return { status: 202 };
    }
    const message = (body as { message?: { toRecipients?: unknown[] } } | undefined)?.message;
    if (!message) return { status: 400, body: graphError('ErrorInvalidRequest', 'Empty Payload. JSON content expected.') };
    if (!Array.isArray(message.toRecipients) || message.toRecipients.length === 0) {
      return { status: 400, body: graphError('ErrorInvalidRecipients', 'At least one recipient is not valid.') };
    }
    fake.sentMail.push({ mailbox: id, message, saveToSentItems: (body as { saveToSentItems?: boolean }).saveToSentItems, at: Date.now() });
    return { status: 202 };
  }

  async function batch(body: unknown): Promise<FakeGraphReply> {
    const requests = (body as { requests?: Array<{ id?: string; method?: string; url?: string; headers?: Record<string, string>; body?: unknown }> } | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0) return { status: 400, body: graphError('BadRequest', 'Invalid batch payload format.') };
    if (requests.length > maxBatchSize) return { status: 400, body: graphError('BadRequest', 'Unable to deserialize content. The number of requests exceeds the limit of 20.') };
    const ids = new Set(requests.map((request) => request.id));
    if (ids.size !== requests.length || ids.has(undefined)) return { status: 400, body: graphError('BadRequest', 'Batch request ids must be present and unique.') };
    const responses = await Promise.all(
      requests.map(async (request) => {
        const itemHeaders = Object.fromEntries(Object.entries(request.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]));
        const url = (request.url ?? '').startsWith('/') ? request.url! : `/${request.url ?? ''}`;
        const reply = await handle((request.method ?? 'GET').toUpperCase(), url, itemHeaders, request.body, true);
        return { id: request.id, status: reply.status, headers: reply.headers ?? {}, body: reply.body };
      }),
    );
    return { status: 200, body: { responses } };
  }

  function token(form: URLSearchParams): FakeGraphReply {
    if (form.get('grant_type') !== 'client_credentials') {
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'AADSTS70003: The app requested an unsupported grant type.' } };
    }
    if (form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret) {
      return {
        status: 401,
        body: {
          error: 'invalid_client',
          error_description: "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.",
          error_codes: [7000215],
          timestamp: new Date().toISOString(),
          trace_id: randomBytes(16).toString('hex'),
          correlation_id: randomBytes(16).toString('hex'),
        },
      };
    }
    if (!/\/\.default$/.test(form.get('scope') ?? '')) {
      return { status: 400, body: { error: 'invalid_scope', error_description: 'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.' } };
    }
    const accessToken = `fake-graph-token-${randomBytes(12).toString('hex')}`;
    tokens.add(accessToken);
    fake.tokensIssued += 1;
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken } };
  }

  const server = createServer((incoming, response) => {
    readBody(incoming)
      .then(async (raw) => {
        const url = incoming.url ?? '/';
        const headers = Object.fromEntries(Object.entries(incoming.headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
        const method = incoming.method ?? 'GET';
        if (method === 'POST' && new RegExp(`^/${options.tenantId}/oauth2/v2\\.0/token$`, 'i').test(url.split('?')[0]!)) {
          send(response, token(new URLSearchParams(raw)));
          return;
        }
        if (!url.startsWith('/v1.0/')) {
          send(response, { status: 404, body: { error: 'not_found', error_description: `fake Graph: no route for ${method} ${url.split('?')[0]}` } });
          return;
        }
        const body = parseBody(raw, headers['content-type']);
        if (method === 'POST' && url.split('?')[0] === '/v1.0/$batch') {
          const tokenValue = /^Bearer (.+)$/i.exec(headers.authorization ?? '')?.[1];
          if (!tokenValue || !tokens.has(tokenValue)) {
            fake.requests.push({ method, url, inBatch: false, status: 401, headers, at: Date.now() });
            send(response, { status: 401, body: graphError('InvalidAuthenticationToken', 'Access token validation failure.') });
            return;
          }
          fake.requests.push({ method, url, inBatch: false, status: 200, headers, at: Date.now() });
          send(response, await batch(body));
          return;
        }
        send(response, await handle(method, url, headers, body, false));
      })
      .catch((error: unknown) => send(response, { status: 500, body: graphError('InternalServerError', String(error)) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.graphBaseUrl = `${fake.url}/v1.0`;
  return fake;
}

/** A Graph event for tests: UTC times, a required attendee besides the organizer, accepted. */
export function fakeGraphEvent(fields: Partial<Omit<FakeGraphEvent, 'start' | 'end'>> & { id: string; start: string; minutes?: number }): FakeGraphEvent {
  const { start, minutes = 30, ...rest } = fields;
  const startMs = Date.parse(start);
  // Graph writes seven fractional digits and no zone: "2026-06-02T09:00:00.0000000".
  const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}0000`;
  return {
    subject: 'Sync',
    body: { contentType: 'html', content: '<html><body><p>Agenda: status</p></body></html>' },
    attendees: [{ type: 'required', emailAddress: { name: 'Bob', address: 'bob@contoso.com' }, status: { response: 'accepted' } }],
    organizer: { emailAddress: { name: 'Bob', address: 'bob@contoso.com' } },
    isAllDay: false,
    isCancelled: false,
    isOrganizer: false,
    responseStatus: { response: 'accepted' },
    seriesMasterId: null,
    type: 'singleInstance',
    isOnlineMeeting: false,
    location: { displayName: '' },
    ...rest,
    start: { dateTime: utc(startMs), timeZone: 'UTC' },
    end: { dateTime: utc(startMs + minutes * 60_000), timeZone: 'UTC' },
  };
}

/** The same event is shown the same way again and again in a benchmark: shape it once per view. */
const views = new Map<string, WeakMap<FakeGraphEvent, Record<string, unknown>>>();
function presentedOnce(event: FakeGraphEvent, asText: boolean, fields: string | null): Record<string, unknown> {
  const key = `${asText}|${fields ?? ''}`;
  let view = views.get(key);
  if (!view) views.set(key, (view = new WeakMap()));
  let shaped = view.get(event);
  if (!shaped) view.set(event, (shaped = select(presented(event, asText), fields)));
  return shaped;
}

function presented(event: FakeGraphEvent, asText: boolean): FakeGraphEvent {
  if (!asText || !event.body || event.body.contentType === 'text') return event;
  const text = event.body.content.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return { ...event, body: { contentType: 'text', content: text } };
}

function select(event: FakeGraphEvent, fields: string | null): Record<string, unknown> {
  const all = { '@odata.etag': `W/"${event.id}"`, ...event } as Record<string, unknown>;
  if (!fields) return all;
  const wanted = new Set(['id', '@odata.etag', ...fields.split(',').map((field) => field.trim())]);
  return Object.fromEntries(Object.entries(all).filter(([key]) => wanted.has(key)));
}

function unknownUser(id: string): FakeGraphReply {
  return { status: 404, body: graphError('ErrorInvalidUser', `The requested user '${decodeURIComponent(id)}' is invalid.`) };
}

function graphError(code: string, message: string): unknown {
  return { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomBytes(8).toString('hex'), 'client-request-id': randomBytes(8).toString('hex') } } };
}

function withZone(dateTime: string): string {
  return /(Z|[+-]\d{2}:?\d{2})$/.test(dateTime) ? dateTime : `${dateTime}Z`;
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  if (/json/i.test(contentType ?? '')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}

function send(response: ServerResponse, reply: FakeGraphReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined) {
    response.writeHead(reply.status, headers);
    response.end();
    return;
  }
  headers['Content-Type'] ??= 'application/json';
  response.writeHead(reply.status, headers);
  response.end(JSON.stringify(reply.body));
}
