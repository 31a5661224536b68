import { randomUUID } from 'node:crypto';
import { gmail } from 'googleapis/build/src/apis/gmail/index.js';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { threadAsHtml, threadAsText } from '../../core/thread/render-thread.js';
import { googleApiError, googleClientOptions, retryPolicyOf, type GoogleApiOptions } from '../../google-addon/google-api.js';
import { withRetry } from '../../integration/retry.js';
import { ChannelRefusal, PartialSendError, type SendRequest, type SentReceipt, type ThreadChannel } from '../thread-channel.js';

/**
 * The thread as e-mail from the user's own Gmail (`users.messages.send`, the user's token), so
 * replies land in their inbox as one conversation. Gmail takes at most 100 recipients per message:
 * a longer list goes out as several messages with the same subject in the same Gmail thread
 * (`threadId` plus `In-Reply-To`/`References`), each attendee addressed once, in Bcc so that
 * nobody's reply-all reaches hundreds of people. If a later message fails after earlier ones went
 * out, the send ends in a `PartialSendError` saying who got it, so nobody is mailed twice.
 * A send is retried only on an actual 429/5xx answer, never on a lost reply (it may have gone).
 */

export const gmailRecipientsPerMessage = 100;

export class GmailThreadChannel implements ThreadChannel {
  readonly name = 'gmail' as const;
  private readonly client;
  private readonly retry;

  constructor(options: GoogleApiOptions) {
    this.client = gmail({ version: 'v1', ...googleClientOptions(options) });
    this.retry = retryPolicyOf(options);
  }

  async send({ thread, sender }: SendRequest): Promise<SentReceipt> {
    const recipients = [...new Set(thread.recipients.map((email) => email.trim().toLowerCase()).filter(Boolean))];
    if (recipients.length === 0) throw new ChannelRefusal('the thread has no recipients');
    const batches: string[][] = [];
    for (let index = 0; index < recipients.length; index += gmailRecipientsPerMessage) batches.push(recipients.slice(index, index + gmailRecipientsPerMessage));

    const domain = sender.email?.split('@')[1] ?? 'invite-challenger.local';
    const firstMessageId = `<${randomUUID()}@${domain}>`;
    let threadId: string | undefined;
    let firstId = '';
    for (const [index, batch] of batches.entries()) {
      const single = batches.length === 1;
      const raw = await compose({
        // Gmail sets From to the authenticated user; naming them keeps the display name.
        from: sender.email ? { name: sender.name ?? '', address: sender.email } : undefined,
        // One batch: the attendees see each other, as in the meeting. Several: Bcc only, so each
        // message stays within Gmail's 100 recipients and no reply-all reaches hundreds.
        to: single ? batch : undefined,
        bcc: single ? undefined : batch,
        subject: thread.title,
        text: threadAsText(thread),
        html: threadAsHtml(thread),
        messageId: index === 0 ? firstMessageId : `<${randomUUID()}@${domain}>`,
        inReplyTo: index === 0 ? undefined : firstMessageId,
        references: index === 0 ? undefined : firstMessageId,
      });
      let sent;
      try {
        sent = await withRetry(async () => {
          try {
            const response = await this.client.users.messages.send({ userId: 'me', requestBody: { raw, ...(threadId ? { threadId } : {}) } });
            return response.data;
          } catch (error) {
            throw googleApiError(error, 'gmail users.messages.send', { idempotent: false });
          }
        }, this.retry);
      } catch (error) {
        if (index === 0) throw error;
        const sentTo = batches.slice(0, index).flat();
        const notSentTo = batches.slice(index).flat();
        const reason = error instanceof Error ? error.message : 'the send failed';
        throw new PartialSendError({ channel: 'gmail', messageId: firstId, recipients: sentTo.length, sentAt: new Date().toISOString(), partial: { sentTo, notSentTo, reason } }, error);
      }
      threadId ??= sent.threadId ?? undefined;
      if (index === 0) firstId = sent.id ?? '';
    }
    return { channel: 'gmail', messageId: firstId, recipients: recipients.length, sentAt: new Date().toISOString() };
  }
}

async function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<string> {
  const mail = new MailComposer(options).compile();
  // Gmail reads Bcc from the raw message (and strips it before delivery): nodemailer drops it unless told.
  mail.keepBcc = true;
  return (await mail.build()).toString('base64url');
}
