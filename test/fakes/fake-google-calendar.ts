import { generateKeyPairSync, randomBytes, verify, type KeyObject } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mulberry32, readBody } from './http-helpers.js';

/**
 * Google's OAuth token endpoint and the Calendar API's `events.list` / `events.get` on 127.0.0.1,
 * for the real `googleapis` client acting through a service account with domain-wide delegation.
 *
 * - `POST /token` with `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` and the signed
 *   assertion: the RS256 signature is checked against the service account's public key, `iss`
 *   must be the service account and `sub` a user the delegation covers, `scope` must include
 *   calendar read access; otherwise 400/401 `invalid_grant` / `unauthorized_client` as Google does.
 *   The key file the fake hands out points `token_uri` here.
 * - `GET /calendar/v3/calendars/{calendarId}/events` with `timeMin`, `timeMax`, `singleEvents`,
 *   `orderBy=startTime` (refused without `singleEvents=true`, like Google), `maxResults`,
 *   `pageToken` and `fields` (partial response applied); only the token's own user's calendar.
 * - `GET /calendar/v3/calendars/{calendarId}/events/{eventId}`: a series master, for `recurrence`.
 *
 * Errors in Google's JSON shape: seeded random 403 `rateLimitExceeded` and 429, scripted replies
 * with `failNext`, 401 for a missing or unknown token, 404 `notFound` for an unknown calendar.
 */

export interface FakeGoogleEvent {
  id: string;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  summary?: string;
  description?: string;
  location?: string;
  start: { dateTime?: string; date?: string; timeZone?: string };
  end: { dateTime?: string; date?: string; timeZone?: string };
  attendees?: Array<{ email: string; displayName?: string; self?: boolean; optional?: boolean; resource?: boolean; organizer?: boolean; responseStatus?: string }>;
  organizer?: { email: string; displayName?: string; self?: boolean };
  recurringEventId?: string;
  recurrence?: string[];
  hangoutLink?: string;
  eventType?: string;
}

export interface FakeGoogleReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RecordedGoogleRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  user?: string;
}

export interface FakeGoogleCalendar {
  url: string;
  /** googleapis' rootUrl (GOOGLE_API_ROOT_URL): `${url}/`. */
  rootUrl: string;
  /** A service account key file's JSON, `token_uri` pointing at this fake. */
  keyFileJson: string;
  clientEmail: string;
  requests: RecordedGoogleRequest[];
  tokensIssued: number;
  addUser(email: string, events: FakeGoogleEvent[]): void;
  /** Users the delegation does not cover: their token requests get `unauthorized_client`. */
  withoutDelegation(email: string): void;
  failNext(pathPart: string, ...replies: FakeGoogleReply[]): void;
  setFaults(faults: { rateLimitRate?: number; tooManyRate?: number; seed?: number }): void;
  stop(): Promise<void>;
}

export async function startFakeGoogleCalendar(): Promise<FakeGoogleCalendar> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientEmail = 'report-reader@invite-challenger.iam.gserviceaccount.com';
  const users = new Map<string, FakeGoogleEvent[]>();
  const undelegated = new Set<string>();
  const tokens = new Map<string, string>();
  const scripted: Array<{ pathPart: string; reply: FakeGoogleReply }> = [];
  const faults = { rateLimitRate: 0, tooManyRate: 0 };
  let random = mulberry32(7);

  const fake: FakeGoogleCalendar = {
    url: '',
    rootUrl: '',
    keyFileJson: '',
    clientEmail,
    requests: [],
    tokensIssued: 0,
    addUser(email, events) {
      users.set(email.toLowerCase(), events);
    },
    withoutDelegation(email) {
      undelegated.add(email.toLowerCase());
    },
    failNext(pathPart, ...replies) {
      for (const reply of replies) scripted.push({ pathPart, reply });
    },
    setFaults(changes) {
      Object.assign(faults, { rateLimitRate: changes.rateLimitRate ?? faults.rateLimitRate, tooManyRate: changes.tooManyRate ?? faults.tooManyRate });
      if (changes.seed !== undefined) random = mulberry32(changes.seed);
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function token(form: URLSearchParams): FakeGoogleReply {
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type' } };
    const claims = verifyAssertion(form.get('assertion') ?? '', publicKey);
    if (!claims || claims.iss !== clientEmail) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.' } };
    const subject = typeof claims.sub === 'string' ? claims.sub.toLowerCase() : '';
    const scopes = String(claims.scope ?? '').split(' ');
    const readsCalendar = scopes.some((scope) => /\/auth\/calendar(\.events)?(\.readonly)?$/.test(scope));
    if (!subject || undelegated.has(subject) || !readsCalendar) {
      return { status: 401, body: { error: 'unauthorized_client', error_description: 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.' } };
    }
    const accessToken = `ya29.fake-${randomBytes(12).toString('hex')}`;
    tokens.set(accessToken, subject);
    fake.tokensIssued += 1;
    return { status: 200, body: { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' } };
  }

  function api(method: string, path: string, query: URLSearchParams, user: string | undefined): FakeGoogleReply {
    if (!user) return googleError(401, 'Request had invalid authentication credentials. Expected OAuth 2 access token.', 'authError', 'UNAUTHENTICATED');
    const scriptIndex = scripted.findIndex((entry) => path.includes(entry.pathPart));
    if (scriptIndex >= 0) return scripted.splice(scriptIndex, 1)[0]!.reply;
    const roll = random();
    if (roll < faults.rateLimitRate) return googleError(403, 'Rate Limit Exceeded', 'rateLimitExceeded', 'PERMISSION_DENIED', 'usageLimits');
    if (roll < faults.rateLimitRate + faults.tooManyRate) return googleError(429, 'Too Many Requests', 'rateLimitExceeded', 'RESOURCE_EXHAUSTED', 'usageLimits');
    const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
    if (!match || method !== 'GET') return googleError(404, 'Not Found', 'notFound', 'NOT_FOUND');
    const calendarId = decodeURIComponent(match[1]!).toLowerCase();
    const owner = calendarId === 'primary' ? user : calendarId;
    const events = users.get(owner);
    if (!events || owner !== user) return googleError(404, 'Not Found', 'notFound', 'NOT_FOUND');
    if (match[2]) {
      const event = events.find((each) => each.id === decodeURIComponent(match[2]!));
      return event ? { status: 200, body: partial({ kind: 'calendar#event', ...event }, query.get('fields')) } : googleError(404, 'Not Found', 'notFound', 'NOT_FOUND');
    }
    const singleEvents = query.get('singleEvents') === 'true';
    if (query.get('orderBy') === 'startTime' && !singleEvents) return googleError(400, 'The requested ordering is not available for the particular query.', 'invalid', 'INVALID_ARGUMENT');
    const timeMin = Date.parse(query.get('timeMin') ?? '');
    const timeMax = Date.parse(query.get('timeMax') ?? '');
    const startOf = (event: FakeGoogleEvent) => Date.parse(event.start.dateTime ?? `${event.start.date}T00:00:00Z`);
    const endOf = (event: FakeGoogleEvent) => Date.parse(event.end.dateTime ?? `${event.end.date}T00:00:00Z`);
    const listed = events
      .filter((event) => !(singleEvents && event.recurrence)) // masters are expanded into their instances
      .filter((event) => (Number.isNaN(timeMin) || endOf(event) > timeMin) && (Number.isNaN(timeMax) || startOf(event) < timeMax))
      .sort((a, b) => startOf(a) - startOf(b));
    const maxResults = Math.min(Number(query.get('maxResults') ?? 250) || 250, 2500);
    const offset = query.get('pageToken') ? Number(Buffer.from(query.get('pageToken')!, 'base64url').toString('utf8')) : 0;
    const items = listed.slice(offset, offset + maxResults).map((event) => ({ kind: 'calendar#event', etag: `"${event.id}"`, ...event }));
    const body: Record<string, unknown> = { kind: 'calendar#events', summary: owner, timeZone: 'UTC', items };
    if (offset + maxResults < listed.length) body.nextPageToken = Buffer.from(String(offset + maxResults)).toString('base64url');
    return { status: 200, body: partial(body, query.get('fields')) };
  }

  const server = createServer((incoming, response) => {
    readBody(incoming)
      .then((raw) => {
        const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
        const method = incoming.method ?? 'GET';
        if (method === 'POST' && url.pathname === '/token') {
          const reply = token(new URLSearchParams(raw));
          fake.requests.push({ method, path: url.pathname, query: {}, status: reply.status });
          send(response, reply);
          return;
        }
        const bearer = /^Bearer (.+)$/i.exec(incoming.headers.authorization ?? '')?.[1];
        const user = bearer ? tokens.get(bearer) : undefined;
        const reply = api(method, url.pathname, url.searchParams, user);
        fake.requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: reply.status, user });
        send(response, reply);
      })
      .catch((error: unknown) => send(response, googleError(500, String(error), 'backendError', 'INTERNAL')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.rootUrl = `${fake.url}/`;
  fake.keyFileJson = JSON.stringify({
    type: 'service_account',
    project_id: 'invite-challenger',
    private_key_id: randomBytes(20).toString('hex'),
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: clientEmail,
    client_id: '100000000000000000001',
    token_uri: `${fake.url}/token`,
  });
  return fake;
}

function verifyAssertion(assertion: string, publicKey: KeyObject): Record<string, unknown> | undefined {
  const [header, payload, signature] = assertion.split('.');
  if (!header || !payload || !signature) return undefined;
  const valid = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'));
  if (!valid) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function googleError(code: number, message: string, reason: string, status: string, domain = 'global'): FakeGoogleReply {
  return { status: code, body: { error: { code, message, errors: [{ message, domain, reason }], status } } };
}

/**
 * Google's partial response (`fields=nextPageToken,items(id,start,attendees(email))`): keeps the
 * named fields, recursing into objects and arrays of objects.
 */
export function partial(value: unknown, fields: string | null): unknown {
  if (!fields) return value;
  return pick(value, parseFields(fields));
}

type FieldTree = Map<string, FieldTree | null>;

function parseFields(text: string): FieldTree {
  const tree: FieldTree = new Map();
  let index = 0;
  const parseList = (into: FieldTree): void => {
    while (index < text.length) {
      let name = '';
      while (index < text.length && !',()'.includes(text[index]!)) name += text[index++];
      name = name.trim();
      let children: FieldTree | null = null;
      if (text[index] === '(') {
        index++;
        children = new Map();
        parseList(children);
        index++; // ')'
      }
      if (name) {
        // "a/b" is Google's shorthand for a(b).
        const [head, ...rest] = name.split('/');
        if (rest.length) into.set(head!, parseFields(`${rest.join('/')}${children ? `(${[...children.keys()].join(',')})` : ''}`));
        else into.set(name, children);
      }
      if (text[index] === ',') index++;
      else if (text[index] === ')') return;
    }
  };
  parseList(tree);
  return tree;
}

function pick(value: unknown, tree: FieldTree): unknown {
  if (Array.isArray(value)) return value.map((item) => pick(item, tree));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, children] of tree) {
    const field = (value as Record<string, unknown>)[key];
    if (field === undefined) continue;
    out[key] = children ? pick(field, children) : field;
  }
  return out;
}

function send(response: ServerResponse, reply: FakeGoogleReply): void {
  response.writeHead(reply.status, { 'Content-Type': 'application/json; charset=UTF-8', ...reply.headers });
  response.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
}
