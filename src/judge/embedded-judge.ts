import { classifyInvite } from '../core/classifier/embedded-classifier.js';
import type { CostOptions } from '../core/cost.js';
import type { Invite } from '../core/invite.js';
import type { Verdict } from '../core/verdict.js';
import type { Judge } from './judge.js';

/** The offline default and the fallback of every other judge: deterministic rules, no network. */
export class EmbeddedJudge implements Judge {
  constructor(private readonly cost: CostOptions) {}

  judge(invite: Invite): Promise<Verdict> {
    return Promise.resolve(this.judgeNow(invite));
  }

  /** The same judgment without a promise, for hot loops (benchmarks, the weekly report). */
  judgeNow(invite: Invite): Verdict {
    return classifyInvite(invite, this.cost);
  }
}
