import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import { fromJsonText, toJsonText } from './json-text.js';
import { ensureUserRow } from './sql-user-repository.js';
import type { ReportRun, ReportRunRepository } from './store.js';
import { requireUserKey, type UserKey } from './user-key.js';

const isoWeekPattern = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;
const maxErrorLength = 2000;

/** Which weekly reports went out: the primary key (user, week) makes a second send impossible. */
export class SqlReportRunRepository implements ReportRunRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
  ) {}

  async claimReport(key: UserKey, isoWeek: string): Promise<boolean> {
    const { tenantId, userId } = requireUserKey(key);
    requireIsoWeek(isoWeek);
    const timestamp = this.clock().toISOString();
    await ensureUserRow(this.db, key, timestamp);
    const inserted = await this.db
      .insertInto('report_runs')
      .values({ tenant_id: tenantId, user_id: userId, iso_week: isoWeek, status: 'claimed', claimed_at: timestamp })
      .onConflict((conflict) => conflict.columns(['tenant_id', 'user_id', 'iso_week']).doNothing())
      .returning('iso_week')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async markReportSent(key: UserKey, isoWeek: string, details: unknown): Promise<void> {
    await this.finish(key, isoWeek, { status: 'sent', details_json: toJsonText(details), error: null });
  }

  async markReportFailed(key: UserKey, isoWeek: string, error: string): Promise<void> {
    await this.finish(key, isoWeek, { status: 'failed', error: error.slice(0, maxErrorLength) });
  }

  async listReportRuns(isoWeek: string): Promise<ReportRun[]> {
    requireIsoWeek(isoWeek);
    const rows = await this.db.selectFrom('report_runs').selectAll().where('iso_week', '=', isoWeek).orderBy('tenant_id').orderBy('user_id').execute();
    return rows.map((row) => ({
      tenantId: row.tenant_id,
      userId: row.user_id,
      isoWeek: row.iso_week,
      status: row.status,
      details: fromJsonText(row.details_json) ?? null,
      error: row.error,
      claimedAt: row.claimed_at,
      finishedAt: row.finished_at,
    }));
  }

  private async finish(key: UserKey, isoWeek: string, outcome: { status: 'sent' | 'failed'; details_json?: string | null; error: string | null }): Promise<void> {
    const { tenantId, userId } = requireUserKey(key);
    requireIsoWeek(isoWeek);
    const { numUpdatedRows } = await this.db
      .updateTable('report_runs')
      .set({ ...outcome, finished_at: this.clock().toISOString() })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('iso_week', '=', isoWeek)
      .executeTakeFirst();
    if (numUpdatedRows === 0n) throw new Error(`no report run for ${tenantId}/${userId} in ${isoWeek} (claim it first)`);
  }
}

function requireIsoWeek(isoWeek: string): void {
  if (!isoWeekPattern.test(isoWeek)) throw new RangeError(`"${isoWeek}" is not an ISO week such as 2026-W10`);
}
