import { gmail } from 'googleapis/build/src/apis/gmail/index.js';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { googleApiError, googleClientOptions, retryPolicyOf, type GoogleApiOptions } from '../../google-addon/google-api.js';
import { withRetry } from '../../integration/retry.js';

/** One e-mail from the user's own Gmail (`users.messages.send`): a prompt, a notice. Not repeated on a lost reply (it may have gone). */
export async function sendGmailMessage(options: GoogleApiOptions, message: { to: string; subject: string; text: string; html: string }): Promise<{ id: string; threadId: string }> {
  const client = gmail({ version: 'v1', ...googleClientOptions(options) });
  const raw = (await new MailComposer({ to: message.to, subject: message.subject, text: message.text, html: message.html }).compile().build()).toString('base64url');
  return withRetry(async () => {
    try {
      const { data } = await client.users.messages.send({ userId: 'me', requestBody: { raw } });
      return { id: data.id ?? '', threadId: data.threadId ?? '' };
    } catch (error) {
      throw googleApiError(error, 'gmail users.messages.send', { idempotent: false });
    }
  }, retryPolicyOf(options));
}
