import { google, type gmail_v1 } from 'googleapis';
import { parseRetryAfter } from '../../integration/integration-error.js';
import { MailError, type Mailer, type MailMessage, type SentMail } from '../mailer.js';
import { buildMimeMessage } from '../mime-message.js';

/**
 * Gmail API `users.messages.send` with the whole message as base64url RFC 2822 (`raw`), sent as
 * the configured sender (`MAIL_FROM`) through a service account with domain-wide delegation
 * (scope https://www.googleapis.com/auth/gmail.send, subject = the sender).
 */
export interface GmailMailerOptions {
  /** `GOOGLE_API_ROOT_URL` (tests: a fake on 127.0.0.1). */
  rootUrl: string;
  sender: string;
  /** An authenticated client for `googleapis` (a JWT with `subject: sender`, or an OAuth2Client in tests). */
  auth: gmail_v1.Options['auth'];
}

export const gmailSendScope = 'https://www.googleapis.com/auth/gmail.send';

export class GmailMailer implements Mailer {
  readonly name = 'gmail' as const;
  private readonly gmail: gmail_v1.Gmail;

  constructor(private readonly options: GmailMailerOptions) {
    this.gmail = google.gmail({ version: 'v1', auth: options.auth, rootUrl: options.rootUrl, retry: false });
  }

  async send(message: MailMessage, options: { signal?: AbortSignal } = {}): Promise<SentMail> {
    const mime = await buildMimeMessage(this.options.sender, message);
    try {
      const response = await this.gmail.users.messages.send(
        { userId: 'me', requestBody: { raw: mime.toString('base64url') } },
        { signal: options.signal },
      );
      return { messageId: response.data.id ?? '' };
    } catch (error) {
      throw gmailError(error);
    }
  }

  async close(): Promise<void> {}
}

function gmailError(error: unknown): MailError {
  const detail = error as { status?: number; code?: number | string; response?: { status?: number; headers?: Record<string, string> | Headers } };
  const status = detail.response?.status ?? (typeof detail.status === 'number' ? detail.status : undefined);
  const headers = detail.response?.headers;
  const retryAfter = headers instanceof Headers ? headers.get('retry-after') : headers?.['retry-after'];
  const isRetryable = status === undefined || status === 429 || status >= 500;
  return new MailError(`Gmail users.messages.send: ${status ?? 'no answer'}`, { vendor: 'gmail', status, retryAfterMs: parseRetryAfter(retryAfter), isRetryable, cause: error });
}
