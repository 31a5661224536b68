import type { Invite } from '../core/invite.js';
import type { Verdict } from '../core/verdict.js';
import type { EmbeddedJudge } from './embedded-judge.js';
import type { Judge, JudgeOptions } from './judge.js';

/**
 * Embedded judge first; the LLM only where it is unsure. The embedded confidence is calibrated
 * (the probability, measured out of fold, that the verdict is right), so the threshold picks the
 * genuinely unsure invites and nothing else. The `judge` field says
 * who decided: "embedded" when the rules were sure or the LLM was unavailable, "hybrid" when the
 * LLM weighed in.
 */
/** The one rule for asking the LLM: the embedded verdict is less sure than the threshold. */
export function needsLlm(verdict: Verdict, threshold: number): boolean {
  return verdict.confidence < threshold;
}

export class HybridJudge implements Judge {
  constructor(
    private readonly embedded: EmbeddedJudge,
    private readonly llm: Judge,
    private readonly threshold: number,
  ) {}

  needsLlm(verdict: Verdict): boolean {
    return needsLlm(verdict, this.threshold);
  }

  async judge(invite: Invite, options?: JudgeOptions): Promise<Verdict> {
    const first = this.embedded.judgeNow(invite);
    if (!this.needsLlm(first)) return first;
    const second = await this.llm.judge(invite, options);
    return second.judge === 'embedded' ? second : { ...second, judge: 'hybrid' };
  }
}
