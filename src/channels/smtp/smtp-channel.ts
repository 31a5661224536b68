import nodemailer, { type Transporter } from 'nodemailer';
import { threadAsHtml, threadAsText } from '../../core/thread/render-thread.js';
import { ChannelRefusal, type SendRequest, type SentReceipt, type ThreadChannel } from '../thread-channel.js';

/**
 * E-mail through any SMTP server (`SMTP_URL`): one message to all the attendees, from our sender
 * address with the organiser as Reply-To, so the replies come back to them as one thread.
 */
export class SmtpThreadChannel implements ThreadChannel {
  readonly name = 'email' as const;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send({ thread, sender }: SendRequest): Promise<SentReceipt> {
    if (thread.recipients.length === 0) throw new ChannelRefusal('the thread has no recipients');
    const info = (await this.transport.sendMail({
      from: this.from,
      to: thread.recipients,
      replyTo: sender.email ? { name: sender.name ?? '', address: sender.email } : undefined,
      subject: thread.title,
      text: threadAsText(thread),
      html: threadAsHtml(thread),
    })) as { messageId: string; accepted: unknown[] };
    return { channel: 'email', messageId: info.messageId, recipients: info.accepted.length, sentAt: new Date().toISOString() };
  }

  close(): void {
    this.transport.close();
  }
}
