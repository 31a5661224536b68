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
  /**
   * Set only when part of a multi-message send went out and the rest failed: who got it and who
   * did not, so the caller keeps the send as done (a retry would mail the first ones again) and
   * tells the user whom to reach another way.
   */
  partial?: { sentTo: string[]; notSentTo: string[]; reason: string };
}

export interface ThreadChannel {
  readonly name: ChannelName;
  send(request: SendRequest): Promise<SentReceipt>;
}

/** The channel exists but cannot take this thread (no recipients, too many): a 422 for the caller. */
export class ChannelRefusal extends Error {
  override readonly name = 'ChannelRefusal';
}

/**
 * Some of the thread went out before a later message failed (Gmail sends 100 recipients a
 * message). Carries the receipt of what went out; the cause is the failure of the rest.
 */
export class PartialSendError extends Error {
  override readonly name = 'PartialSendError';
  constructor(
    readonly receipt: SentReceipt & { partial: NonNullable<SentReceipt['partial']> },
    cause: unknown,
  ) {
    super(`sent to ${receipt.partial.sentTo.length} of ${receipt.partial.sentTo.length + receipt.partial.notSentTo.length} recipients, the rest failed`, { cause });
  }
}
