import { threadAsHtml } from '../../core/thread/render-thread.js';
import type { AsyncThread } from '../../core/verdict.js';
import type { TokenProvider } from './auth.js';

/** Sends the thread as one e-mail through Microsoft Graph `POST /me/sendMail` (202, no body). */
export async function sendThreadMail(graphBase: string, tokens: TokenProvider, thread: AsyncThread, idempotencyKey: string): Promise<void> {
  const token = await tokens.getToken('graph');
  const response = await fetch(`${graphBase.replace(/\/$/, '')}/me/sendMail`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'client-request-id': idempotencyKey },
    body: JSON.stringify({
      message: {
        subject: thread.title,
        body: { contentType: 'HTML', content: threadAsHtml(thread) },
        toRecipients: thread.recipients.map((address) => ({ emailAddress: { address } })),
      },
      saveToSentItems: true,
    }),
  });
  if (!response.ok) throw new Error(`Graph sendMail answered ${response.status}`);
}
