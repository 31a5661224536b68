import { IntegrationError } from '../integration/integration-error.js';

/**
 * How a report e-mail leaves us. One adapter per vendor (smtp/, graph/, gmail/) behind this
 * interface; the report code never knows which one it talks to.
 */

export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /**
   * Extra header fields, such as RFC 8058's `List-Unsubscribe` and `List-Unsubscribe-Post`.
   * `Message-ID` given here is kept, so a resend of the same report carries the same id.
   */
  headers: Record<string, string>;
}

export interface SentMail {
  messageId: string;
}

export interface Mailer {
  readonly name: MailerName;
  send(message: MailMessage, options?: { signal?: AbortSignal }): Promise<SentMail>;
  close(): Promise<void>;
}

export const mailerNames = ['smtp', 'graph', 'gmail'] as const;
export type MailerName = (typeof mailerNames)[number];

/** The mail service refused or failed the message; `isRetryable` says whether trying later may help. */
export class MailError extends IntegrationError {
  override readonly name = 'MailError';
}
