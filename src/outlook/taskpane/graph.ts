import { threadAsHtml } from '../../core/thread/render-thread.js';
import type { AsyncThread } from '../../core/verdict.js';
import type { TokenProvider } from './auth.js';

/** The pane's two Microsoft Graph channels for an async update, called with the user's delegated token. */

async function graphCall(graphBase: string, tokens: TokenProvider, path: string, body: unknown, requestId: string): Promise<Response> {
  const token = await tokens.getToken('graph');
  const headers: Record<string, string> = { 'content-type': 'application/json', 'client-request-id': requestId };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${graphBase.replace(/\/$/, '')}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!response.ok) {
    const retry = response.headers.get('retry-after');
    throw new Error(`Graph ${path.replace(/\/chats\/[^/]+/, '/chats/…')} answered ${response.status}${response.status === 429 && retry ? `; try again in ${retry} s` : ''}`);
  }
  return response;
}

/** E-mail to the attendees: `POST /me/sendMail` (202, no body). */
export async function sendThreadMail(graphBase: string, tokens: TokenProvider, thread: AsyncThread, idempotencyKey: string): Promise<void> {
  await graphCall(
    graphBase,
    tokens,
    '/me/sendMail',
    {
      message: {
        subject: thread.title,
        body: { contentType: 'HTML', content: threadAsHtml(thread) },
        toRecipients: thread.recipients.map((address) => ({ emailAddress: { address } })),
      },
      saveToSentItems: true,
    },
    idempotencyKey,
  );
}

/** The chat members: the organizer and every recipient, once each (users are bound by their address). */
export function chatRequest(thread: AsyncThread, organizerEmail: string | undefined, graphBase: string): Record<string, unknown> {
  const users = `${graphBase.replace(/\/$/, '')}/users`;
  const seen = new Set<string>();
  // first spelling wins: the organizer as Outlook reports them, then the recipients
  const emails = [organizerEmail, ...thread.recipients].filter((e): e is string => Boolean(e) && !seen.has(e!.toLowerCase()) && Boolean(seen.add(e!.toLowerCase())));
  const group = emails.length > 2;
  return {
    chatType: group ? 'group' : 'oneOnOne',
    ...(group ? { topic: thread.title.slice(0, 250) } : {}),
    members: emails.map((email) => ({
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      roles: ['owner'],
      'user@odata.bind': `${users}('${encodeURIComponent(email)}')`,
    })),
  };
}

/** Chats already created for an idempotency key: a retry after a failed message reuses the chat. */
const chatsByKey = new Map<string, string>();

/**
 * A Teams chat with the attendees: `POST /chats` (201, the chat), then `POST /chats/{id}/messages`
 * with the thread. Returns the chat's id.
 */
export async function postThreadToTeams(graphBase: string, tokens: TokenProvider, thread: AsyncThread, organizerEmail: string | undefined, idempotencyKey: string): Promise<string> {
  let chatId = chatsByKey.get(idempotencyKey);
  if (!chatId) {
    const created = await graphCall(graphBase, tokens, '/chats', chatRequest(thread, organizerEmail, graphBase), `${idempotencyKey}-chat`);
    chatId = ((await created.json()) as { id?: string }).id;
    if (!chatId) throw new Error('Graph created no chat');
    chatsByKey.set(idempotencyKey, chatId);
  }
  await graphCall(graphBase, tokens, `/chats/${encodeURIComponent(chatId)}/messages`, { body: { contentType: 'html', content: threadAsHtml(thread) } }, `${idempotencyKey}-message`);
  return chatId;
}
