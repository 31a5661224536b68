import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import { fromJsonText, toJsonText } from './json-text.js';
import { ensureUserRow } from './sql-user-repository.js';
import type { SendClaim, SentThreadRepository } from './store.js';
import { requireUserKey, type UserKey } from './user-key.js';

/** After this long, a claim still in progress belongs to a server that died mid-send: it may be taken over. */
export const abandonedClaimAfterMs = 15 * 60_000;

export class SqlSentThreadRepository implements SentThreadRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
  ) {}

  async claim(key: UserKey, idempotencyKey: string, requestHash: string): Promise<SendClaim> {
    const { tenantId, userId } = requireUserKey(key);
    await ensureUserRow(this.db, key, this.clock().toISOString());
    // A claim released between our INSERT and our SELECT leaves nothing to read: try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      // The primary key makes this atomic on both databases: exactly one INSERT returns a row.
      const inserted = await this.db
        .insertInto('sent_threads')
        .values({ tenant_id: tenantId, user_id: userId, idempotency_key: idempotencyKey, request_hash: requestHash, state: 'in-progress', claimed_at: this.clock().toISOString() })
        .onConflict((conflict) => conflict.columns(['tenant_id', 'user_id', 'idempotency_key']).doNothing())
        .returning('idempotency_key')
        .executeTakeFirst();
      if (inserted) return { state: 'claimed' };

      const existing = await this.byKey(key, idempotencyKey).select(['request_hash', 'state', 'result_json', 'claimed_at']).executeTakeFirst();
      if (!existing) continue;
      if (existing.request_hash !== requestHash) return { state: 'conflict' };
      if (existing.state === 'done') return { state: 'done', result: fromJsonText(existing.result_json) };
      if (this.isAbandoned(existing.claimed_at) && (await this.takeOver(key, idempotencyKey, existing.claimed_at))) return { state: 'claimed' };
      return { state: 'in-progress' };
    }
    return { state: 'in-progress' };
  }

  async complete(key: UserKey, idempotencyKey: string, result: unknown): Promise<void> {
    const { tenantId, userId } = requireUserKey(key);
    const { numUpdatedRows } = await this.db
      .updateTable('sent_threads')
      .set({ state: 'done', result_json: toJsonText(result), completed_at: this.clock().toISOString() })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('idempotency_key', '=', idempotencyKey)
      .where('state', '=', 'in-progress')
      .executeTakeFirst();
    if (numUpdatedRows === 0n) throw new Error(`no send in progress for idempotency key "${idempotencyKey}" (claim it first)`);
  }

  async release(key: UserKey, idempotencyKey: string): Promise<void> {
    const { tenantId, userId } = requireUserKey(key);
    // Only an in-progress claim: a thread that went out stays recorded, so a retry cannot post it twice.
    await this.db
      .deleteFrom('sent_threads')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('idempotency_key', '=', idempotencyKey)
      .where('state', '=', 'in-progress')
      .execute();
  }

  private byKey(key: UserKey, idempotencyKey: string) {
    return this.db.selectFrom('sent_threads').where('tenant_id', '=', key.tenantId).where('user_id', '=', key.userId).where('idempotency_key', '=', idempotencyKey);
  }

  private isAbandoned(claimedAt: string): boolean {
    return this.clock().getTime() - Date.parse(claimedAt) >= abandonedClaimAfterMs;
  }

  /** Compare-and-set on the old claim time, so that of several callers taking over only one wins. */
  private async takeOver(key: UserKey, idempotencyKey: string, claimedAt: string): Promise<boolean> {
    const { numUpdatedRows } = await this.db
      .updateTable('sent_threads')
      .set({ claimed_at: this.clock().toISOString() })
      .where('tenant_id', '=', key.tenantId)
      .where('user_id', '=', key.userId)
      .where('idempotency_key', '=', idempotencyKey)
      .where('state', '=', 'in-progress')
      .where('claimed_at', '=', claimedAt)
      .executeTakeFirst();
    return numUpdatedRows > 0n;
  }
}
