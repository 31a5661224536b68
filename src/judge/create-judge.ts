import { ConfigError, type Config } from '../config.js';
import { LlmClient } from '../llm/llm-client.js';
import { createLanguageModel } from '../llm/providers.js';
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
}

/** The one place that turns configuration into a judge. Every judge it returns is guarded. */
export function createJudge(config: Config, dependencies: JudgeDependencies = {}): Judge {
  const embedded = new EmbeddedJudge(config.cost);
  if (config.judge === 'embedded') return new GuardedJudge(embedded);

  if (!config.llm) {
    throw new ConfigError([`LLM_PROVIDER: required for JUDGE=${config.judge}`]);
  }
  const client = new LlmClient(createLanguageModel(config.llm), `${config.llm.provider}:${config.llm.model}`);
  const llm = new LlmJudge({
    client,
    fallback: embedded,
    cost: config.cost,
    timeoutMs: config.llm.timeoutMs,
    maxInputTokens: config.llm.maxInputTokens,
  });
  const cached = new CachedJudge(llm, dependencies.cache ?? new MemoryVerdictCache());
  if (config.judge === 'llm') return new GuardedJudge(cached);
  return new GuardedJudge(new HybridJudge(embedded, cached, config.hybridThreshold));
}
