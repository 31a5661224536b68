import type { CostOptions } from '../core/cost.js';
import type { Invite } from '../core/invite.js';
import type { Verdict } from '../core/verdict.js';
import { IntegrationError, TimeoutError } from '../integration/integration-error.js';
import { withRetry, type RetryPolicy, defaultRetryPolicy } from '../integration/retry.js';
import type { LlmClient } from '../llm/llm-client.js';
import { toVerdict, llmVerdictSchema } from '../llm/llm-verdict.js';
import { PROMPT_VERSION, buildJudgePrompt } from '../llm/prompt.js';
import type { EmbeddedJudge } from './embedded-judge.js';
import type { Judge, JudgeOptions } from './judge.js';

/**
 * Asks a language model for the verdict. The model only ever sees the redacted, delimited invite;
 * its answer is validated against the schema. A timeout, an error (after one retry on 429/5xx
 * honouring Retry-After) or an invalid answer never reaches the user as an error: the embedded
 * judge answers instead, says so in the first reason, and the verdict says `judge: "embedded"`.
 */

export interface LlmJudgeOptions {
  client: LlmClient;
  fallback: EmbeddedJudge;
  cost: CostOptions;
  timeoutMs: number;
  maxInputTokens: number;
  retry?: RetryPolicy;
}

export class LlmJudge implements Judge {
  constructor(private readonly options: LlmJudgeOptions) {}

  /** What makes two answers comparable: the model and the prompt (for cache keys). */
  get identity(): string {
    return `${this.options.client.identity}|${PROMPT_VERSION}`;
  }

  async judge(invite: Invite, judgeOptions?: JudgeOptions): Promise<Verdict> {
    const prompt = buildJudgePrompt(invite, this.options.maxInputTokens);
    try {
      const answer = await withRetry(
        () =>
          this.options.client.generate({
            system: prompt.system,
            prompt: prompt.prompt,
            schema: llmVerdictSchema,
            timeoutMs: this.options.timeoutMs,
            signal: judgeOptions?.signal,
          }),
        this.options.retry ?? defaultRetryPolicy,
      );
      const notes = prompt.truncated ? ['Long description: the model read only its first part'] : [];
      return toVerdict(answer.output, invite, this.options.cost, notes);
    } catch (error) {
      return this.fallBack(invite, error);
    }
  }

  private fallBack(invite: Invite, error: unknown): Verdict {
    const verdict = this.options.fallback.judgeNow(invite);
    const why = error instanceof TimeoutError ? `timed out after ${formatSeconds(this.options.timeoutMs)}` : error instanceof IntegrationError ? error.message : 'failed';
    const reason = `The LLM was unavailable (${why}), so the offline judge answered`;
    return { ...verdict, reasons: [reason, ...verdict.reasons].slice(0, 5) };
  }
}

function formatSeconds(milliseconds: number): string {
  return milliseconds % 1000 === 0 ? `${milliseconds / 1000} s` : `${milliseconds} ms`;
}
