import type { Invite } from '../core/invite.js';
import type { AsyncThread, Verdict } from '../core/verdict.js';

/** Turns a judged invite into the async thread that replaces (or shortens) the meeting. */
export interface ThreadDrafter {
  draft(invite: Invite, verdict: Verdict, options?: DraftRequestOptions): Promise<AsyncThread>;
}

export interface DraftRequestOptions {
  signal?: AbortSignal;
  /** "Today", for the reply-by date; now when not given. */
  today?: Date;
}
