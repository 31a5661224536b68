import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { readBody } from './http-helpers.js';

/**
 * Google Calendar, Gmail and Chat on 127.0.0.1, for the real `googleapis` client (its `rootUrl`
 * pointed here). Paths, bodies and errors follow the REST references:
 *
 * - Calendar v3: `GET calendar/v3/calendars/{calendarId}/events/{eventId}`, `GET …/events`
 *   (incremental sync with `syncToken`; 410 `fullSyncRequired` for an unknown token),
 *   `POST …/events/watch` (an `api#channel`), `POST calendar/v3/channels/stop` (204).
 * - Gmail v1: `POST gmail/v1/users/me/messages/send` with `{ raw, threadId? }` (base64url RFC 2822);
 *   more than 100 recipients in one message is refused like Gmail does (400 `invalidArgument`).
 * - Chat v1: `POST v1/spaces/{space}/messages` (`requestId` makes a repeat return the first message).
 *
 * Every call needs `Authorization: Bearer <token>` of a user added with `addUser` and the scope the
 * method documents: otherwise 401 `UNAUTHENTICATED` or 403 `insufficientPermissions`, in Google's
 * error shape. `failNext` scripts 429 + Retry-After, 5xx and the rest. Push notifications are
 * delivered with `notify` to the address a watch gave, with the `X-Goog-*` headers Google sends.
 */

export const calendarReadScope = 'https://www.googleapis.com/auth/calendar.events.readonly';
export const gmailSendScope = 'https://www.googleapis.com/auth/gmail.send';
export const chatCreateScope = 'https://www.googleapis.com/auth/chat.messages.create';

export interface FakeUser {
  email: string;
  scopes: string[];
}

/** A Calendar API event resource, as much of it as the add-on reads. */
export interface FakeEvent {
  id: string;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  summary?: string;
  description?: string;
  location?: string;
  htmlLink?: string;
  created?: string;
  updated?: string;
  creator?: { email: string; self?: boolean };
  organizer?: { email: string; displayName?: string; self?: boolean };
  start?: { dateTime?: string; date?: string; timeZone?: string };
  end?: { dateTime?: string; date?: string; timeZone?: string };
  recurrence?: string[];
  recurringEventId?: string;
  attendees?: { email: string; displayName?: string; optional?: boolean; resource?: boolean; organizer?: boolean; self?: boolean; responseStatus?: string }[];
  attendeesOmitted?: boolean;
  hangoutLink?: string;
  conferenceData?: unknown;
  [field: string]: unknown;
}

export interface FakeChannel {
  id: string;
  resourceId: string;
  calendarId: string;
  address: string;
  token?: string;
  expiration: number;
  userEmail: string;
  messageNumber: number;
  stopped: boolean;
}

export interface SentGmailMessage {
  userEmail: string;
  threadId: string;
  id: string;
  raw: string;
  parsed: ParsedMail;
  recipients: string[];
}

export interface ChatMessage {
  name: string;
  parent: string;
  text: string;
  thread: { name: string; threadKey?: string };
  requestId?: string;
  userEmail: string;
}

export interface ScriptedFailure {
  /** Matched against `METHOD path` (path without the query), e.g. /events\/ev1$/ or 'messages/send'. */
  match: RegExp | string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Answer only after this long (a slow Google); the client may give up first. */
  delayMs?: number;
  /** Let this many matching requests through first (e.g. fail only the second Gmail message). */
  after?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  userEmail?: string;
}

export interface FakeGoogleWorkspace {
  /** What `GOOGLE_API_ROOT_URL` is set to: `http://127.0.0.1:<port>/`. */
  rootUrl: string;
  addUser(token: string, user: FakeUser): void;
  /** Adds or replaces an event; it shows up in the next incremental sync. */
  putEvent(calendarId: string, event: FakeEvent): FakeEvent;
  deleteEvent(calendarId: string, eventId: string): void;
  failNext(...failures: ScriptedFailure[]): void;
  channels: Map<string, FakeChannel>;
  /** Sends a push notification for a channel, as Google does; returns our endpoint's status. */
  notify(channelId: string, state?: 'sync' | 'exists' | 'not_exists', options?: { messageNumber?: number; token?: string }): Promise<number>;
  sentMessages: SentGmailMessage[];
  chatMessages: ChatMessage[];
  /** Spaces that exist (`spaces/AAAA…`); a message to any other is a 404. */
  spaces: Set<string>;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

interface StoredEvent {
  event: FakeEvent;
  /** Sync position at which it last changed. */
  changedAt: number;
}

export async function startFakeGoogleWorkspace(): Promise<FakeGoogleWorkspace> {
  const users = new Map<string, FakeUser>();
  const calendars = new Map<string, Map<string, StoredEvent>>();
  const failures: ScriptedFailure[] = [];
  const channels = new Map<string, FakeChannel>();
  const sentMessages: SentGmailMessage[] = [];
  const chatMessages: ChatMessage[] = [];
  const spaces = new Set<string>();
  const requests: RecordedRequest[] = [];
  let syncPosition = 0;
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}${(++counter).toString(36)}${randomBytes(4).toString('hex')}`;

  const calendarOf = (calendarId: string, userEmail: string) => {
    const id = calendarId === 'primary' ? userEmail : calendarId;
    let calendar = calendars.get(id);
    if (!calendar) calendars.set(id, (calendar = new Map()));
    return calendar;
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, googleError(500, `fake failed: ${(error as Error).message}`, 'backendError', 'INTERNAL'));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const method = request.method ?? 'GET';
    const body = await readBody(request);

    const user = users.get((request.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
    requests.push({ method, path, query: url.searchParams, userEmail: user?.email });

    const failureIndex = failures.findIndex((failure) => (typeof failure.match === 'string' ? `${method} ${path}`.includes(failure.match) : failure.match.test(`${method} ${path}`)));
    const waiting = failureIndex >= 0 && (failures[failureIndex]!.after ?? 0) > 0;
    if (waiting) failures[failureIndex]!.after! -= 1;
    if (failureIndex >= 0 && !waiting) {
      const [failure] = failures.splice(failureIndex, 1);
      if (failure!.delayMs) await new Promise((resolve) => setTimeout(resolve, failure!.delayMs));
      if (response.destroyed) return;
      return send(response, failure!.status, failure!.body ?? defaultErrorBody(failure!.status), failure!.headers);
    }
    if (!user) {
      return send(response, 401, googleError(401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', 'authError', 'UNAUTHENTICATED'), {
        'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
      });
    }
    const needs = (scope: string, ...alternatives: string[]) => {
      if ([scope, ...alternatives].some((granted) => user.scopes.includes(granted))) return true;
      send(response, 403, googleError(403, 'Request had insufficient authentication scopes.', 'insufficientPermissions', 'PERMISSION_DENIED'));
      return false;
    };
    const calendarScopes = ['https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/calendar', 'https://www.googleapis.com/auth/calendar.events'];

    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/calendar/v3/channels/stop') {
      if (!needs(calendarReadScope, ...calendarScopes)) return;
      const { id, resourceId } = JSON.parse(body || '{}') as { id?: string; resourceId?: string };
      const channel = id ? channels.get(id) : undefined;
      if (!channel || channel.resourceId !== resourceId || channel.stopped) return send(response, 404, googleError(404, `Channel '${id}' not found for project '123456'`, 'notFound', 'NOT_FOUND'));
      channel.stopped = true;
      response.writeHead(204).end();
      return;
    }
    if (method === 'POST' && (match = /^\/calendar\/v3\/calendars\/([^/]+)\/events\/watch$/.exec(path))) {
      if (!needs(calendarReadScope, ...calendarScopes)) return;
      const watch = JSON.parse(body || '{}') as { id?: string; type?: string; address?: string; token?: string; expiration?: string | number };
      if (!watch.id || !/^[A-Za-z0-9\-_+/=]{1,64}$/.test(watch.id)) return send(response, 400, googleError(400, 'Invalid channel id', 'invalid', 'INVALID_ARGUMENT'));
      if (watch.type !== 'web_hook' && watch.type !== 'webhook') return send(response, 400, googleError(400, 'Invalid channel type', 'invalid', 'INVALID_ARGUMENT'));
      if (!watch.address || !/^https?:\/\/127\.0\.0\.1[:/]/.test(watch.address)) {
        // Google wants https with a valid certificate; this fake only ever calls 127.0.0.1.
        return send(response, 400, googleError(400, 'WebHook callback must be HTTPS: ' + (watch.address ?? ''), 'push.webhookUrlNotHttps', 'INVALID_ARGUMENT'));
      }
      if (channels.has(watch.id)) return send(response, 400, googleError(400, `Channel id ${watch.id} not unique`, 'channelIdNotUnique', 'INVALID_ARGUMENT'));
      const calendarId = match[1]! === 'primary' ? user.email : match[1]!;
      // Google caps a channel's life (about a week for events); it may give less than asked.
      const cap = Date.now() + 7 * 24 * 3600_000;
      const expiration = Math.min(Number(watch.expiration ?? cap) || cap, cap);
      const channel: FakeChannel = { id: watch.id, resourceId: nextId('res-'), calendarId, address: watch.address, token: watch.token, expiration, userEmail: user.email, messageNumber: 0, stopped: false };
      channels.set(channel.id, channel);
      send(response, 200, {
        kind: 'api#channel',
        id: channel.id,
        resourceId: channel.resourceId,
        resourceUri: `https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events?alt=json`,
        ...(channel.token ? { token: channel.token } : {}),
        expiration: String(channel.expiration),
      });
      // Google confirms a new channel with a "sync" message.
      void deliver(channel, 'sync');
      return;
    }
    if (method === 'GET' && (match = /^\/calendar\/v3\/calendars\/([^/]+)\/events\/([^/]+)$/.exec(path))) {
      if (!needs(calendarReadScope, ...calendarScopes)) return;
      const stored = calendarOf(match[1]!, user.email).get(match[2]!);
      if (!stored || stored.event.status === 'cancelled') return send(response, 404, googleError(404, 'Not Found', 'notFound', 'NOT_FOUND'));
      return send(response, 200, { kind: 'calendar#event', etag: `"${stored.changedAt}"`, ...stored.event });
    }
    if (method === 'GET' && (match = /^\/calendar\/v3\/calendars\/([^/]+)\/events$/.exec(path))) {
      if (!needs(calendarReadScope, ...calendarScopes)) return;
      const calendar = calendarOf(match[1]!, user.email);
      const syncToken = url.searchParams.get('syncToken');
      let since = -1;
      if (syncToken) {
        const position = /^sync-(\d+)$/.exec(syncToken);
        if (!position || Number(position[1]) > syncPosition) return send(response, 410, googleError(410, 'Sync token is no longer valid, a full sync is required.', 'fullSyncRequired', 'GONE'));
        since = Number(position[1]);
      }
      const items = [...calendar.values()]
        .filter((stored) => stored.changedAt > since)
        // A full sync leaves deleted events out unless showDeleted; an incremental one includes them.
        .filter((stored) => syncToken || stored.event.status !== 'cancelled')
        .map((stored) => ({ kind: 'calendar#event', etag: `"${stored.changedAt}"`, ...stored.event }));
      return send(response, 200, { kind: 'calendar#events', summary: user.email, updated: new Date().toISOString(), timeZone: 'UTC', items, nextSyncToken: `sync-${syncPosition}` });
    }
    if (method === 'POST' && (match = /^\/gmail\/v1\/users\/([^/]+)\/messages\/send$/.exec(path))) {
      if (!needs(gmailSendScope, 'https://www.googleapis.com/auth/gmail.compose', 'https://mail.google.com/')) return;
      if (match[1] !== 'me' && match[1] !== user.email) return send(response, 403, googleError(403, 'Delegation denied for ' + user.email, 'forbidden', 'PERMISSION_DENIED'));
      const { raw, threadId } = JSON.parse(body || '{}') as { raw?: string; threadId?: string };
      if (!raw) return send(response, 400, googleError(400, "'raw' RFC822 payload message string or uploading message via /upload/* URL required", 'invalidArgument', 'INVALID_ARGUMENT'));
      const parsed = await simpleParser(Buffer.from(raw, 'base64url'));
      const addresses = (field: ParsedMail['to']) => (field ? (Array.isArray(field) ? field : [field]).flatMap((group) => group.value.map((address) => address.address ?? '')) : []);
      const recipients = [...addresses(parsed.to), ...addresses(parsed.cc), ...addresses(parsed.bcc)];
      if (recipients.length === 0) return send(response, 400, googleError(400, 'Recipient address required', 'invalidArgument', 'INVALID_ARGUMENT'));
      if (recipients.length > 100) return send(response, 400, googleError(400, 'Invalid To header', 'invalidArgument', 'INVALID_ARGUMENT'));
      if (threadId && !sentMessages.some((message) => message.threadId === threadId && message.userEmail === user.email)) {
        return send(response, 404, googleError(404, 'Requested entity was not found.', 'notFound', 'NOT_FOUND'));
      }
      const id = nextId('18c');
      const message: SentGmailMessage = { userEmail: user.email, id, threadId: threadId ?? id, raw, parsed, recipients };
      sentMessages.push(message);
      return send(response, 200, { id, threadId: message.threadId, labelIds: ['SENT'] });
    }
    if (method === 'POST' && (match = /^\/v1\/(spaces\/[^/]+)\/messages$/.exec(path))) {
      if (!needs(chatCreateScope, 'https://www.googleapis.com/auth/chat.messages')) return;
      const parent = match[1]!;
      if (!spaces.has(parent)) return send(response, 404, googleError(404, 'Requested entity was not found.', 'notFound', 'NOT_FOUND'));
      const requestId = url.searchParams.get('requestId') ?? undefined;
      const earlier = requestId ? chatMessages.find((message) => message.parent === parent && message.requestId === requestId) : undefined;
      if (earlier) return send(response, 200, chatResource(earlier));
      const payload = JSON.parse(body || '{}') as { text?: string; thread?: { name?: string; threadKey?: string } };
      if (!payload.text) return send(response, 400, googleError(400, 'Message cannot be empty.', 'badRequest', 'INVALID_ARGUMENT'));
      if (payload.text.length > 4096) return send(response, 400, googleError(400, 'Message text is too long (over 4,096 characters).', 'badRequest', 'INVALID_ARGUMENT'));
      const threadKey = url.searchParams.get('threadKey') ?? payload.thread?.threadKey;
      const sameThread = threadKey ? chatMessages.find((message) => message.parent === parent && message.thread.threadKey === threadKey) : undefined;
      const thread = payload.thread?.name ? { name: payload.thread.name } : sameThread ? sameThread.thread : { name: `${parent}/threads/${nextId('t')}`, ...(threadKey ? { threadKey } : {}) };
      const message: ChatMessage = { name: `${parent}/messages/${nextId('m')}`, parent, text: payload.text, thread, requestId, userEmail: user.email };
      chatMessages.push(message);
      return send(response, 200, chatResource(message));
    }
    send(response, 404, googleError(404, `no fake for ${method} ${path}`, 'notFound', 'NOT_FOUND'));
  }

  async function deliver(channel: FakeChannel, state: 'sync' | 'exists' | 'not_exists', options: { messageNumber?: number; token?: string } = {}): Promise<number> {
    const messageNumber = options.messageNumber ?? ++channel.messageNumber;
    const token = options.token ?? channel.token;
    const response = await fetch(channel.address, {
      method: 'POST',
      headers: {
        'x-goog-channel-id': channel.id,
        ...(token ? { 'x-goog-channel-token': token } : {}),
        'x-goog-channel-expiration': new Date(channel.expiration).toUTCString(),
        'x-goog-resource-id': channel.resourceId,
        'x-goog-resource-uri': `https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(channel.calendarId)}/events?alt=json`,
        'x-goog-resource-state': state,
        'x-goog-message-number': String(messageNumber),
      },
    }).catch(() => undefined);
    await response?.arrayBuffer();
    return response?.status ?? 0;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const rootUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    rootUrl,
    addUser(token, user) {
      users.set(token, user);
    },
    putEvent(calendarId, event) {
      const now = new Date().toISOString();
      const calendar = calendars.get(calendarId) ?? new Map<string, StoredEvent>();
      calendars.set(calendarId, calendar);
      const previous = calendar.get(event.id)?.event;
      const stored: FakeEvent = { status: 'confirmed', htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${event.id} ${calendarId}`).toString('base64url')}`, created: previous?.created ?? now, updated: now, ...event };
      calendar.set(event.id, { event: stored, changedAt: ++syncPosition });
      return stored;
    },
    deleteEvent(calendarId, eventId) {
      const stored = calendars.get(calendarId)?.get(eventId);
      if (stored) calendars.get(calendarId)!.set(eventId, { event: { ...stored.event, status: 'cancelled' }, changedAt: ++syncPosition });
    },
    failNext(...scripted) {
      failures.push(...scripted);
    },
    channels,
    notify(channelId, state = 'exists', options) {
      const channel = channels.get(channelId);
      if (!channel) throw new Error(`no channel ${channelId} (have: ${[...channels.keys()].join(', ')})`);
      return deliver(channel, state, options);
    },
    sentMessages,
    chatMessages,
    spaces,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function chatResource(message: ChatMessage) {
  return {
    name: message.name,
    sender: { name: 'users/1234567890', type: 'HUMAN' },
    createTime: new Date().toISOString(),
    text: message.text,
    thread: message.thread,
    space: { name: message.parent },
    argumentText: message.text,
  };
}

/** Google's JSON error: `{ error: { code, message, errors: [{ message, domain, reason }], status } }`. */
export function googleError(code: number, message: string, reason: string, status: string) {
  return { error: { code, message, errors: [{ message, domain: 'global', reason }], status } };
}

function defaultErrorBody(status: number) {
  if (status === 429) return googleError(429, 'Rate Limit Exceeded', 'rateLimitExceeded', 'RESOURCE_EXHAUSTED');
  if (status === 401) return googleError(401, 'Request had invalid authentication credentials.', 'authError', 'UNAUTHENTICATED');
  if (status === 403) return googleError(403, 'Request had insufficient authentication scopes.', 'insufficientPermissions', 'PERMISSION_DENIED');
  if (status === 404) return googleError(404, 'Not Found', 'notFound', 'NOT_FOUND');
  if (status === 410) return googleError(410, 'Sync token is no longer valid, a full sync is required.', 'fullSyncRequired', 'GONE');
  if (status === 503) return googleError(503, 'The service is currently unavailable.', 'backendError', 'UNAVAILABLE');
  return googleError(status, 'Backend Error', 'backendError', 'INTERNAL');
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  response.end(JSON.stringify(body));
}
