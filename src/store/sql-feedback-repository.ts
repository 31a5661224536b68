import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { VerdictKind } from '../core/verdict.js';
import type { Database } from './database.js';
import { ensureUserRow } from './sql-user-repository.js';
import type { Feedback, FeedbackRepository, NewFeedback } from './store.js';
import { requireUserKey, type UserKey } from './user-key.js';

export class SqlFeedbackRepository implements FeedbackRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
  ) {}

  async addFeedback(key: UserKey, feedback: NewFeedback): Promise<string> {
    const { tenantId, userId } = requireUserKey(key);
    const timestamp = this.clock().toISOString();
    // A UUID rather than an auto-increment: the same on both databases, and it reveals no count.
    const id = randomUUID();
    await ensureUserRow(this.db, key, timestamp);
    await this.db
      .insertInto('feedback')
      .values({
        id,
        tenant_id: tenantId,
        user_id: userId,
        fingerprint: feedback.fingerprint,
        verdict: feedback.verdict,
        expected: feedback.expected ?? null,
        comment: feedback.comment ?? null,
        surface: feedback.surface,
        created_at: timestamp,
      })
      .execute();
    return id;
  }

  async listFeedback(key: UserKey): Promise<Feedback[]> {
    const { tenantId, userId } = requireUserKey(key);
    const rows = await this.db
      .selectFrom('feedback')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      fingerprint: row.fingerprint,
      // The table's check constraint admits only verdict kinds.
      verdict: row.verdict as VerdictKind,
      ...(row.expected !== null && { expected: row.expected as VerdictKind }),
      ...(row.comment !== null && { comment: row.comment }),
      surface: row.surface,
      createdAt: row.created_at,
    }));
  }
}
