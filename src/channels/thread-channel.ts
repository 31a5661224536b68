import type { AsyncThread } from '../core/verdict.js';

/**
 * Where an async thread is posted: e-mail to the attendees, a Teams or Google Chat conversation.
 * One adapter per vendor behind this interface; the server picks one by name and wraps the call
 * in an idempotency claim, so a double click posts once.
 */

export const channelNames = ['email', 'teams', 'gmail', 'google-chat'] as const;
export type ChannelName = (typeof channelNames)[number];

export interface SendRequest {
  thread: AsyncThread;
  /** The person posting, shown as Reply-To or author where the channel allows. */
  sender: { email?: string; name?: string };
}

export interface SentReceipt {
  channel: ChannelName;
  /** The vendor's id for what was posted (Message-ID, chat message id). */
  messageId: string;
  recipients: number;
  sentAt: string;
}

export interface ThreadChannel {
  readonly name: ChannelName;
  send(request: SendRequest): Promise<SentReceipt>;
}

/** The channel exists but cannot take this thread (no recipients, too many): a 422 for the caller. */
export class ChannelRefusal extends Error {
  override readonly name = 'ChannelRefusal';
}
