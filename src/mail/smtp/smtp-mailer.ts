import nodemailer, { type TransportOptions, type Transporter } from 'nodemailer';
import { MailError, type Mailer, type MailMessage, type SentMail } from '../mailer.js';
import { splitMessageId } from '../mime-message.js';

/**
 * Any SMTP server (`SMTP_URL`, nodemailer). A message counts as sent once the server has
 * answered the DATA command with 2xx; a 4xx answer or a dropped connection is worth a retry, a
 * 5xx is not.
 */
export class SmtpMailer implements Mailer {
  readonly name = 'smtp' as const;
  private readonly transport: Transporter;

  constructor(options: { smtpUrl: string; from: string; timeoutMs?: number }) {
    const timeoutMs = options.timeoutMs ?? 60_000;
    // `url` merges with the options, so a timeout here and `?name=…` in SMTP_URL both apply.
    this.transport = nodemailer.createTransport(
      // Pooled: a multi-user run reuses a few connections instead of one handshake per message.
      { url: options.smtpUrl, pool: true, maxConnections: 3, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs } as TransportOptions,
      { from: options.from },
    );
  }

  async send(message: MailMessage): Promise<SentMail> {
    const { messageId, headers } = splitMessageId(message.headers);
    try {
      const info = (await this.transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers,
        ...(messageId ? { messageId } : {}),
      })) as { messageId: string };
      return { messageId: info.messageId };
    } catch (error) {
      throw smtpError(error);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** nodemailer's error, as ours: the reply code decides retryability; the SMTP URL (it may hold a password) is never quoted. */
function smtpError(error: unknown): MailError {
  const detail = error as { responseCode?: number; code?: string; message?: string };
  const status = detail.responseCode;
  const isRetryable = status === undefined ? true : status >= 400 && status < 500;
  const reason = status !== undefined ? `the server answered ${status}` : `${detail.code ?? 'connection failed'}`;
  return new MailError(`SMTP: could not send the message (${reason})`, { vendor: 'smtp', status, isRetryable, cause: error });
}
