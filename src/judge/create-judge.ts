import { ConfigError, type Config } from '../config.js';
import { createLazyLlmClient } from '../llm/lazy-llm-client.js';
import type { LlmCaller } from '../llm/llm-client.js';
import { CachedJudge } from './cached-judge.js';
import { EmbeddedJudge } from './embedded-judge.js';
import { GuardedJudge } from './guarded-judge.js';
import { HybridJudge } from './hybrid-judge.js';
import type { Judge } from './judge.js';
import { LlmJudge } from './llm-judge.js';
import { MemoryVerdictCache, type VerdictCache } from './verdict-cache.js';

export interface JudgeDependencies {
  /** Where LLM verdicts are kept; in memory unless the caller has a store. */
  cache?: VerdictCache;
  /** An LLM client to share (with the thread drafter); made from the config otherwise. */
  client?: LlmCaller;
  /** Told when the LLM fails and the offline judge answers instead. */
  onFallback?: (reason: string) => void;
}

/** The one place that turns configuration into a judge. Every judge it returns is guarded. */
export function createJudge(config: Config, dependencies: JudgeDependencies = {}): Judge {
  const embedded = new EmbeddedJudge(config.cost);
  if (config.judge === 'embedded') return new GuardedJudge(embedded);

  if (!config.llm) throw new ConfigError([`LLM_PROVIDER: required for JUDGE=${config.judge}`]);
  const llm = new LlmJudge({
    client: dependencies.client ?? createLazyLlmClient(config.llm),
    fallback: embedded,
    cost: config.cost,
    timeoutMs: config.llm.timeoutMs,
    maxInputTokens: config.llm.maxInputTokens,
    onFallback: dependencies.onFallback,
  });
  const cached = new CachedJudge(llm, dependencies.cache ?? new MemoryVerdictCache());
  if (config.judge === 'llm') return new GuardedJudge(cached);
  return new GuardedJudge(new HybridJudge(embedded, cached, config.hybridThreshold));
}
