import type { Verdict } from '../core/verdict.js';

/** Where judged verdicts are kept by key. In memory now; the store implements it later. */
export interface VerdictCache {
  get(key: string): Promise<Verdict | undefined>;
  set(key: string, verdict: Verdict): Promise<void>;
}

/** A bounded in-memory cache that forgets the least recently used entry first. */
export class MemoryVerdictCache implements VerdictCache {
  private readonly entries = new Map<string, Verdict>();

  constructor(private readonly capacity = 10_000) {}

  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<Verdict | undefined> {
    const verdict = this.entries.get(key);
    if (verdict) {
      // Re-insert: a Map iterates in insertion order, so the oldest key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, verdict);
    }
    return verdict;
  }

  async set(key: string, verdict: Verdict): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, verdict);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
