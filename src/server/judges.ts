import type { ServerConfig } from '../config.js';
import type { JudgeName } from '../core/verdict.js';
import { createThreadDrafter } from '../drafting/create-thread-drafter.js';
import type { ThreadDrafter } from '../drafting/thread-drafter.js';
import { createJudge } from '../judge/create-judge.js';
import type { Judge } from '../judge/judge.js';
import type { VerdictCache } from '../judge/verdict-cache.js';
import { createLazyLlmClient } from '../llm/lazy-llm-client.js';
import type { LlmCaller } from '../llm/llm-client.js';
import type { UserSettings } from '../store/user-settings.js';

/**
 * The judges and drafters the server hands out, one per (judge, hourly rate, currency) a user's
 * settings ask for, sharing one LLM client and the store's verdict cache. A user may ask for a
 * judge the server cannot run (no LLM configured): they get the embedded judge, which says so in
 * its verdict (`judge: "embedded"`).
 */
export class JudgeProvider {
  private readonly judges = new Map<string, Judge>();
  private readonly networkJudges = new WeakSet<Judge>();
  private readonly client: LlmCaller | undefined;
  readonly drafter: ThreadDrafter;

  constructor(
    private readonly config: ServerConfig,
    private readonly cache: VerdictCache,
    client?: LlmCaller,
  ) {
    this.client = client ?? (config.llm ? createLazyLlmClient(config.llm) : undefined);
    this.drafter = createThreadDrafter(config, { client: this.client });
  }

  /** Whether this server can run a judge that needs the LLM. */
  get hasLlm(): boolean {
    return Boolean(this.config.llm);
  }

  /** Whether a judge this provider made may call the LLM (the embedded one never does). */
  usesNetwork(judge: Judge): boolean {
    return this.networkJudges.has(judge);
  }

  judgeFor(settings: UserSettings, requested?: JudgeName): Judge {
    const wanted = requested ?? settings.judgeMode ?? this.config.judge;
    const name: JudgeName = wanted !== 'embedded' && !this.hasLlm ? 'embedded' : wanted;
    const cost = { hourlyRate: settings.hourlyRate ?? this.config.cost.hourlyRate, currency: settings.currency ?? this.config.cost.currency };
    const key = `${name}|${cost.hourlyRate}|${cost.currency}`;
    let judge = this.judges.get(key);
    if (!judge) {
      judge = createJudge({ ...this.config, judge: name, cost }, { cache: this.cache, client: this.client });
      this.judges.set(key, judge);
      if (name !== 'embedded') this.networkJudges.add(judge);
    }
    return judge;
  }
}
