import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailMessage } from './mailer.js';

/**
 * The message as RFC 5322 bytes (multipart/alternative: plain text, then HTML), for the APIs
 * that take a whole message rather than fields: Gmail `users.messages.send` (`raw`) and Graph
 * `sendMail` in MIME form, the only form in which Graph keeps `List-Unsubscribe` (its JSON form
 * accepts custom headers only when they start with `X-`).
 */
export async function buildMimeMessage(from: string, message: MailMessage): Promise<Buffer> {
  const { messageId, headers } = splitMessageId(message.headers);
  const composer = new MailComposer({
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers,
    ...(messageId ? { messageId } : {}),
  });
  return composer.compile().build();
}

/**
 * Header names are case-insensitive: find a Message-ID however it was spelt and take it out of
 * the other headers, since nodemailer sets it through its own `messageId` option.
 */
export function splitMessageId(all: Record<string, string>): { messageId?: string; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  let messageId: string | undefined;
  for (const [name, value] of Object.entries(all)) {
    if (name.toLowerCase() === 'message-id') messageId = value;
    else headers[name] = value;
  }
  return { messageId, headers };
}
