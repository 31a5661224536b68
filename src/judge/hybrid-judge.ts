import type { Invite } from '../core/invite.js';
import type { Verdict } from '../core/verdict.js';
import type { EmbeddedJudge } from './embedded-judge.js';
import type { Judge, JudgeOptions } from './judge.js';

/**
 * Embedded rules first; the LLM only where they are unsure (confidence below the threshold) or
 * the answer is a trim (which items to move is where a model reads best). The `judge` field says
 * who decided: "embedded" when the rules were sure or the LLM was unavailable, "hybrid" when the
 * LLM weighed in.
 */
export class HybridJudge implements Judge {
  constructor(
    private readonly embedded: EmbeddedJudge,
    private readonly llm: Judge,
    private readonly threshold: number,
  ) {}

  needsLlm(verdict: Verdict): boolean {
    return verdict.confidence < this.threshold || verdict.verdict === 'trim';
  }

  async judge(invite: Invite, options?: JudgeOptions): Promise<Verdict> {
    const first = this.embedded.judgeNow(invite);
    if (!this.needsLlm(first)) return first;
    const second = await this.llm.judge(invite, options);
    return second.judge === 'embedded' ? second : { ...second, judge: 'hybrid' };
  }
}
