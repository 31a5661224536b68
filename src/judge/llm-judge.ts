import type { CostOptions } from '../core/cost.js';
import type { Invite } from '../core/invite.js';
import type { Verdict } from '../core/verdict.js';
import { AuthError, IntegrationError, TimeoutError, isFallbackError } from '../integration/integration-error.js';
import { withRetry, type RetryPolicy, defaultRetryPolicy } from '../integration/retry.js';
import type { LlmCaller } from '../llm/llm-client.js';
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
  client: LlmCaller;
  fallback: EmbeddedJudge;
  cost: CostOptions;
  timeoutMs: number;
  maxInputTokens: number;
  retry?: RetryPolicy;
  /** Told once per failure, e.g. to warn the user that the offline judge is answering. */
  onFallback?: (reason: string) => void;
}

/** After this many failures in a row, or refused credentials, stop calling for a while. */
const failuresBeforePause = 3;
const pauseMs = 60_000;

export class LlmJudge implements Judge {
  private failuresInARow = 0;
  private pausedUntil = 0;
  private pauseReason = '';

  constructor(private readonly options: LlmJudgeOptions) {}

  /** What makes two answers comparable: model, prompt and cost settings (for cache keys). */
  get identity(): string {
    const { cost } = this.options;
    return `${this.options.client.identity}|${PROMPT_VERSION}|${cost.hourlyRate} ${cost.currency}`;
  }

  async judge(invite: Invite, judgeOptions?: JudgeOptions): Promise<Verdict> {
    // A service that keeps failing would cost every invite the full timeout: answer offline.
    if (Date.now() < this.pausedUntil) return this.fallBack(invite, this.pauseReason);
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
      const verdict = toVerdict(answer.output, invite, this.options.cost, notes);
      this.failuresInARow = 0;
      return verdict;
    } catch (error) {
      if (!isFallbackError(error)) throw error;
      const reason = this.describe(error);
      this.failuresInARow++;
      if (error instanceof AuthError || this.failuresInARow >= failuresBeforePause) {
        this.pausedUntil = Date.now() + pauseMs;
        this.pauseReason = reason;
      }
      this.options.onFallback?.(reason);
      return this.fallBack(invite, reason);
    }
  }

  private describe(error: unknown): string {
    if (error instanceof TimeoutError) return `timed out after ${formatSeconds(this.options.timeoutMs)}`;
    if (error instanceof IntegrationError) return error.message;
    return 'its answer was not a valid verdict';
  }

  private fallBack(invite: Invite, why: string): Verdict {
    const verdict = this.options.fallback.judgeNow(invite);
    const reason = `The LLM was unavailable (${why}), so the offline judge answered`;
    return { ...verdict, reasons: [reason, ...verdict.reasons].slice(0, 5) };
  }
}

function formatSeconds(milliseconds: number): string {
  return milliseconds % 1000 === 0 ? `${milliseconds / 1000} s` : `${milliseconds} ms`;
}
