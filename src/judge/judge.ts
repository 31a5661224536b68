import type { Invite } from '../core/invite.js';
import type { Verdict } from '../core/verdict.js';

/** Anything that turns an Invite into a Verdict: embedded rules, an LLM, or a mix of both. */
export interface Judge {
  judge(invite: Invite, options?: JudgeOptions): Promise<Verdict>;
}

export interface JudgeOptions {
  /** Aborts a slow judgment (an LLM call); judges that cannot be slow may ignore it. */
  signal?: AbortSignal;
}
