import { chat } from 'googleapis/build/src/apis/chat/index.js';
import type { AsyncThread } from '../../core/verdict.js';
import { googleApiError, googleClientOptions, retryPolicyOf, type GoogleApiOptions } from '../../google-addon/google-api.js';
import { withRetry } from '../../integration/retry.js';
import { ChannelRefusal, type SendRequest, type SentReceipt, type ThreadChannel } from '../thread-channel.js';

/**
 * The thread in a Google Chat space (`spaces.messages.create` with the user's token): the intro
 * starts a Chat thread and each item is a reply in it, so people answer item by item. Each post
 * carries a `requestId` derived from the send's idempotency key, so a retried post is not doubled
 * by Chat either.
 */

/** Chat refuses longer message text. */
export const chatMessageLimit = 4096;

export interface GoogleChatChannelOptions extends GoogleApiOptions {
  /** `spaces/AAAA…`, the space the user picked. */
  space: string;
  /** Makes the per-post request ids; the send's idempotency key. */
  requestKey: string;
}

/** Chat's API host is its own; GOOGLE_API_ROOT_URL replaces it only when it points elsewhere (tests). */
export function chatRootUrl(rootUrl: string): string {
  return /^https:\/\/www\.googleapis\.com\/?$/.test(rootUrl) ? 'https://chat.googleapis.com/' : rootUrl;
}

export class GoogleChatThreadChannel implements ThreadChannel {
  readonly name = 'google-chat' as const;
  private readonly client;
  private readonly retry;

  constructor(private readonly options: GoogleChatChannelOptions) {
    if (!/^spaces\/[A-Za-z0-9_-]+$/.test(options.space)) throw new ChannelRefusal('a Chat space looks like spaces/AAAAxxxx');
    this.client = chat({ version: 'v1', ...googleClientOptions({ ...options, rootUrl: chatRootUrl(options.rootUrl) }) });
    this.retry = retryPolicyOf(options);
  }

  async send({ thread }: SendRequest): Promise<SentReceipt> {
    const posts = chatPosts(thread);
    const threadKey = `ic-${this.options.requestKey}`.slice(0, 60);
    let firstName = '';
    for (const [index, text] of posts.entries()) {
      const message = await withRetry(async () => {
        try {
          const response = await this.client.spaces.messages.create({
            parent: this.options.space,
            requestId: `${this.options.requestKey}-${index}`,
            messageReplyOption: 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
            requestBody: { text, thread: { threadKey } },
          });
          return response.data;
        } catch (error) {
          throw googleApiError(error, 'chat spaces.messages.create');
        }
      }, this.retry);
      if (index === 0) firstName = message.name ?? '';
    }
    return { channel: 'google-chat', messageId: firstName, recipients: thread.recipients.length, sentAt: new Date().toISOString() };
  }
}

/** The posts, in Chat's text format (`*bold*`), each within Chat's length limit. */
export function chatPosts(thread: AsyncThread): string[] {
  const cut = (text: string) => (text.length > chatMessageLimit ? `${text.slice(0, chatMessageLimit - 1)}…` : text);
  const intro = [`*${thread.title}*`, thread.intro.trim(), `Please reply in this thread by ${thread.replyBy}.`].filter(Boolean).join('\n\n');
  const items = thread.items.map((item, index) =>
    [`*${index + 1}. ${item.heading}*${item.owner ? ` (${item.owner})` : ''}`, item.body.trim(), item.ask ? `→ ${item.ask}` : ''].filter(Boolean).join('\n'),
  );
  return [intro, ...items].map(cut);
}
