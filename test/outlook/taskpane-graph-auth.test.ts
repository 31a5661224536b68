/// <reference types="office-js" />
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { loadServerConfig } from '../../src/config.js';
import type { AsyncThread } from '../../src/core/verdict.js';
import { dialogUrl, graphScopes, loadAddinConfig, naaTokens, scopesFor, staticTokens, tokenFromDialog } from '../../src/outlook/taskpane/auth.js';
import { chatRequest, postThreadToTeams, sendThreadMail } from '../../src/outlook/taskpane/graph.js';
import { buildApp } from '../../src/server/app.js';
import { createAuthenticator } from '../../src/server/authentication.js';
import type { Store } from '../../src/store/database.js';
import { fakeClientId, fakeTenantId } from '../fakes/fake-token-issuer.js';
import { listen, readBody } from '../support/http.js';
import { openTestStore } from '../support/test-stores.js';

/**
 * The pane's Graph channels against a fake Microsoft Graph on 127.0.0.1 (real fetch, real HTTP),
 * its sign-in pieces against a fake Office dialog API, and the public add-in config from the real
 * backend.
 */

const thread: AsyncThread = {
  title: 'Weekly status, in writing',
  intro: 'Instead of meeting, each workstream posts its update here.',
  items: [{ heading: 'Status', body: 'Post your numbers by Thursday.' }],
  replyBy: '2026-03-05',
  recipients: ['ana@contoso.com', 'ben@contoso.com', 'ORLA@contoso.com'],
  source: 'template',
};

interface Call {
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
}

let graph: Server;
let graphBase = '';
const calls: Call[] = [];
/** Answers queued per path prefix; default 201/202. */
const failures: Array<{ path: RegExp; status: number; headers?: Record<string, string> }> = [];

beforeAll(async () => {
  graph = createServer(async (request, response) => {
    const path = request.url ?? '';
    const body = JSON.parse((await readBody(request)) || '{}') as Record<string, unknown>;
    const failure = failures.findIndex((f) => f.path.test(path));
    if (failure >= 0) {
      const [f] = failures.splice(failure, 1);
      return void response.writeHead(f!.status, { 'content-type': 'application/json', ...f!.headers }).end('{"error":{"code":"TooManyRequests","message":"slow down"}}');
    }
    calls.push({ path, authorization: request.headers.authorization, body });
    if (path === '/v1.0/me/sendMail') return void response.writeHead(202).end();
    if (path === '/v1.0/chats') return void response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: '19:abc@thread.v2' }));
    if (/^\/v1\.0\/chats\/[^/]+\/messages$/.test(path)) return void response.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"1"}');
    response.writeHead(404).end();
  });
  graphBase = `http://127.0.0.1:${await listen(graph)}/v1.0`;
});

afterAll(async () => {
  await new Promise((resolve) => graph.close(resolve));
});

describe('Graph channels', () => {
  it('e-mails the thread once with sendMail, to every recipient, with the bearer token', async () => {
    calls.length = 0;
    await sendThreadMail(graphBase, staticTokens('graph-token'), thread, 'key-1');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.path).toBe('/v1.0/me/sendMail');
    expect(calls[0]!.authorization).toBe('Bearer graph-token');
    const message = calls[0]!.body.message as { subject: string; toRecipients: Array<{ emailAddress: { address: string } }>; body: { contentType: string } };
    expect(message.subject).toBe(thread.title);
    expect(message.body.contentType).toBe('HTML');
    expect(message.toRecipients.map((r) => r.emailAddress.address)).toEqual(thread.recipients);
  });

  it('sends no Authorization header when there is no token', async () => {
    calls.length = 0;
    await sendThreadMail(graphBase, staticTokens(undefined), thread, 'key-2');
    expect(calls[0]!.authorization).toBeUndefined();
  });

  it('builds a group chat with the organizer and each recipient once, as owners bound by address', () => {
    const request = chatRequest(thread, 'orla@contoso.com', graphBase) as { chatType: string; topic: string; members: Array<Record<string, unknown>> };
    expect(request.chatType).toBe('group');
    expect(request.topic).toBe(thread.title);
    expect(request.members.map((m) => m['user@odata.bind'])).toEqual([
      `${graphBase}/users('orla%40contoso.com')`,
      `${graphBase}/users('ana%40contoso.com')`,
      `${graphBase}/users('ben%40contoso.com')`,
    ]);
    expect(request.members.every((m) => m['@odata.type'] === '#microsoft.graph.aadUserConversationMember' && JSON.stringify(m.roles) === '["owner"]')).toBe(true);
  });

  it('a single recipient makes a one-on-one chat, which takes no topic', () => {
    const request = chatRequest({ ...thread, recipients: ['ana@contoso.com'] }, 'orla@contoso.com', graphBase);
    expect(request.chatType).toBe('oneOnOne');
    expect(request).not.toHaveProperty('topic');
  });

  it('posts to Teams: one chat, one message; a retry after a failed message reuses the chat', async () => {
    calls.length = 0;
    failures.push({ path: /\/messages$/, status: 503 });
    await expect(postThreadToTeams(graphBase, staticTokens('t'), thread, 'orla@contoso.com', 'key-3')).rejects.toThrow(/answered 503/);
    expect(calls.map((c) => c.path)).toEqual(['/v1.0/chats']);
    await expect(postThreadToTeams(graphBase, staticTokens('t'), thread, 'orla@contoso.com', 'key-3')).resolves.toBe('19:abc@thread.v2');
    expect(calls.map((c) => c.path)).toEqual(['/v1.0/chats', '/v1.0/chats/19%3Aabc%40thread.v2/messages']);
    expect((calls[1]!.body.body as { contentType: string }).contentType).toBe('html');
  });

  it('a 429 says when to try again, and names no chat id', async () => {
    failures.push({ path: /^\/v1\.0\/chats$/, status: 429, headers: { 'retry-after': '7' } });
    await expect(postThreadToTeams(graphBase, staticTokens('t'), thread, 'orla@contoso.com', 'key-4')).rejects.toThrow('Graph /chats answered 429; try again in 7 s');
  });
});

describe('sign-in', () => {
  it('asks Graph for the four delegated permissions, and the backend for its own scope', () => {
    expect(graphScopes).toEqual(['Mail.Send', 'Chat.Create', 'ChatMessage.Send', 'Calendars.ReadWrite']);
    expect(scopesFor('graph', {})).toEqual([...graphScopes]);
    expect(scopesFor('api', { apiScope: 'api://addin.example.com/abc/access_as_user' })).toEqual(['api://addin.example.com/abc/access_as_user']);
    expect(scopesFor('api', {})).toEqual([]);
  });

  it('without a client id there is nothing to sign in to: no token, MSAL never loaded', async () => {
    const tokens = naaTokens(Promise.resolve({}));
    await expect(tokens.getToken('graph')).resolves.toBe('');
  });

  it('points the dialog at auth-dialog.html next to the pane, with the client id and scopes', () => {
    const url = new URL(dialogUrl({ clientId: 'abc', authority: 'https://login.microsoftonline.com/t' }, ['Mail.Send', 'Chat.Create'], 'https://addin.example.com/taskpane.html?x=1'));
    expect(url.origin + url.pathname).toBe('https://addin.example.com/auth-dialog.html');
    expect(url.searchParams.get('clientId')).toBe('abc');
    expect(url.searchParams.get('scopes')).toBe('Mail.Send Chat.Create');
  });

  function dialogOffice(outcome: { open?: 'fail'; message?: string; closed?: boolean }) {
    const handlers: Record<string, (arg: unknown) => void> = {};
    let closed = 0;
    const office = {
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
      context: {
        ui: {
          displayDialogAsync: (_url: string, _options: unknown, callback: (result: unknown) => void) => {
            if (outcome.open === 'fail') return callback({ status: 'failed', error: { message: 'popup blocked', code: 12009 } });
            callback({ status: 'succeeded', value: { addEventHandler: (type: string, handler: (arg: unknown) => void) => (handlers[type] = handler), close: () => closed++ } });
            setTimeout(() => {
              if (outcome.message) handlers.dialogMessageReceived?.({ message: outcome.message });
              if (outcome.closed) handlers.dialogEventReceived?.({ error: 12006 });
            }, 0);
          },
        },
      },
    };
    return { office: office as unknown as typeof Office, closedCount: () => closed };
  }

  it('the dialog fallback hands back the token the dialog page sent, and closes the dialog', async () => {
    const fake = dialogOffice({ message: JSON.stringify({ status: 'success', accessToken: 'from-dialog' }) });
    await expect(tokenFromDialog('https://addin.example.com/auth-dialog.html', fake.office)).resolves.toBe('from-dialog');
    expect(fake.closedCount()).toBe(1);
  });

  it('the dialog fallback fails in words: a sign-in error, a closed dialog, a dialog that cannot open, an unreadable answer', async () => {
    await expect(tokenFromDialog('u', dialogOffice({ message: JSON.stringify({ status: 'error', error: 'user_cancelled' }) }).office)).rejects.toThrow('sign-in failed: user_cancelled');
    await expect(tokenFromDialog('u', dialogOffice({ closed: true }).office)).rejects.toThrow('sign-in dialog closed');
    await expect(tokenFromDialog('u', dialogOffice({ open: 'fail' }).office)).rejects.toThrow('sign-in dialog: popup blocked');
    await expect(tokenFromDialog('u', dialogOffice({ message: 'not json' }).office)).rejects.toThrow('unreadable');
  });
});

describe('GET /addin-config.json', () => {
  let store: Store;
  let app: FastifyInstance;
  let base = '';

  beforeAll(async () => {
    store = await openTestStore('sqlite');
    const config = loadServerConfig({ ENTRA_TENANT_ID: fakeTenantId, ENTRA_CLIENT_ID: fakeClientId, ENTRA_CLIENT_SECRET: 'never-sent-to-browsers', PUBLIC_URL: 'https://addin.example.com', LOG_LEVEL: 'warn' });
    app = await buildApp({ config, store, authenticate: createAuthenticator(config) });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('gives the pane the client id, authority and API scope, without a token and without the secret', async () => {
    const response = await fetch(`${base}/addin-config.json`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('never-sent-to-browsers');
    expect(JSON.parse(text)).toEqual({
      clientId: fakeClientId,
      authority: `https://login.microsoftonline.com/${fakeTenantId}`,
      apiScope: `api://addin.example.com/${fakeClientId}/access_as_user`,
    });
  });

  it('names the configured ENTRA_AUTHORITY_URL host as the authority, not a hard-coded one', async () => {
    const sovereign = loadServerConfig({ ENTRA_TENANT_ID: fakeTenantId, ENTRA_CLIENT_ID: fakeClientId, ENTRA_AUTHORITY_URL: 'https://login.microsoftonline.us/', PUBLIC_URL: 'https://addin.example.com', LOG_LEVEL: 'warn' });
    const other = await buildApp({ config: sovereign, store, authenticate: createAuthenticator(sovereign) });
    try {
      await other.listen({ host: '127.0.0.1', port: 0 });
      const response = await fetch(`http://127.0.0.1:${(other.server.address() as AddressInfo).port}/addin-config.json`);
      expect(await response.json()).toMatchObject({ authority: `https://login.microsoftonline.us/${fakeTenantId}` });
    } finally {
      await other.close();
    }
  });

  it('is what the pane loads when its page has no meta tags', async () => {
    await expect(loadAddinConfig(base)).resolves.toMatchObject({ clientId: fakeClientId, apiScope: `api://addin.example.com/${fakeClientId}/access_as_user` });
  });

  it('an unreachable backend leaves the pane without sign-in, not broken', async () => {
    await expect(loadAddinConfig('http://127.0.0.1:9')).resolves.toEqual({ clientId: undefined, authority: undefined, apiScope: undefined });
  });
});
