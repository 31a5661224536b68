import type { Kysely } from 'kysely';
import { verdictSchema, type Verdict } from '../core/verdict.js';
import type { VerdictCache } from '../judge/verdict-cache.js';
import type { Database } from './database.js';
import { fromJsonText } from './json-text.js';

/** The `VerdictCache` of `CachedJudge`, kept in the database so that it survives restarts and is shared by servers. */
export class SqlVerdictCache implements VerdictCache {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
    private readonly log: (message: string) => void,
  ) {}

  async get(key: string): Promise<Verdict | undefined> {
    const row = await this.db.selectFrom('verdict_cache').select('verdict_json').where('cache_key', '=', key).executeTakeFirst();
    if (!row) return undefined;
    // A row written by an older Verdict shape, or damaged, is a miss: the judge runs again and overwrites it.
    const parsed = verdictSchema.safeParse(fromJsonText(row.verdict_json));
    if (!parsed.success) {
      this.log(`store: ignoring an unreadable cached verdict (${key.slice(0, 12)}…)`);
      return undefined;
    }
    return parsed.data;
  }

  async set(key: string, verdict: Verdict): Promise<void> {
    const values = { verdict_json: JSON.stringify(verdict), created_at: this.clock().toISOString() };
    await this.db
      .insertInto('verdict_cache')
      .values({ cache_key: key, ...values })
      .onConflict((conflict) => conflict.column('cache_key').doUpdateSet(values))
      .execute();
  }
}
