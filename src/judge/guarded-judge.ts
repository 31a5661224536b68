import type { Invite } from '../core/invite.js';
import { guardVerdict } from '../core/sensitivity/sensitivity-guard.js';
import type { Verdict } from '../core/verdict.js';
import type { Judge, JudgeOptions } from './judge.js';

/** Wraps any judge so that no verdict reaches a user without the sensitivity guard. */
export class GuardedJudge implements Judge {
  constructor(private readonly inner: Judge) {}

  async judge(invite: Invite, options?: JudgeOptions): Promise<Verdict> {
    return guardVerdict(invite, await this.inner.judge(invite, options));
  }
}
