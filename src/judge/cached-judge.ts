import { inviteFingerprint } from '../core/fingerprint.js';
import type { Invite } from '../core/invite.js';
import type { Verdict } from '../core/verdict.js';
import type { Judge, JudgeOptions } from './judge.js';
import type { VerdictCache } from './verdict-cache.js';

/** A judge whose answers depend on a model and a prompt: its identity goes into cache keys. */
export interface IdentifiedJudge extends Judge {
  readonly identity: string;
}

/**
 * Reuses a verdict for the same invite content, model and prompt version. Only real answers of
 * the inner judge are kept: a fallback verdict (the LLM was down) is not, so the next call
 * tries the LLM again.
 */
export class CachedJudge implements Judge {
  constructor(
    private readonly inner: IdentifiedJudge,
    private readonly cache: VerdictCache,
    private readonly isWorthKeeping: (verdict: Verdict) => boolean = (verdict) => verdict.judge !== 'embedded',
  ) {}

  /** Judgments under way, so that occurrences judged at the same moment share one call. */
  private readonly inFlight = new Map<string, Promise<Verdict>>();

  async judge(invite: Invite, options?: JudgeOptions): Promise<Verdict> {
    const key = await verdictCacheKey(this.inner.identity, invite);
    const cached = await this.cache.get(key);
    if (cached) return cached;
    const running = this.inFlight.get(key);
    if (running) return running;
    const judging = this.judgeAndKeep(key, invite, options).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, judging);
    return judging;
  }

  private async judgeAndKeep(key: string, invite: Invite, options?: JudgeOptions): Promise<Verdict> {
    const verdict = await this.inner.judge(invite, options);
    if (this.isWorthKeeping(verdict)) await this.cache.set(key, verdict);
    return verdict;
  }
}

/** SHA-256 of the judge identity and the invite fingerprint (WebCrypto: Node and browsers). */
export async function verdictCacheKey(identity: string, invite: Invite): Promise<string> {
  const bytes = new TextEncoder().encode(`${identity}\n${inviteFingerprint(invite)}`);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
