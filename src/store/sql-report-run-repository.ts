import type { Kysely, Selectable } from 'kysely';
import type { Database, ReportRunTable } from './database.js';
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

  async claimReport(key: UserKey, isoWeek: string): Promise<string | undefined> {
    const { tenantId, userId } = requireUserKey(key);
    requireIsoWeek(isoWeek);
    const timestamp = this.clock().toISOString();
    await ensureUserRow(this.db, key, timestamp);
    const inserted = await this.db
      .insertInto('report_runs')
      .values({ tenant_id: tenantId, user_id: userId, iso_week: isoWeek, status: 'claimed', claimed_at: timestamp })
      .onConflict((conflict) => conflict.columns(['tenant_id', 'user_id', 'iso_week']).doNothing())
      .returning('claimed_at')
      .executeTakeFirst();
    return inserted?.claimed_at;
  }

  async retakeReport(key: UserKey, isoWeek: string, staleBefore: Date): Promise<string | undefined> {
    const { tenantId, userId } = requireUserKey(key);
    requireIsoWeek(isoWeek);
    const claimedAt = this.clock().toISOString();
    const { numUpdatedRows } = await this.db
      .updateTable('report_runs')
      .set({ status: 'claimed', claimed_at: claimedAt, finished_at: null, error: null })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('iso_week', '=', isoWeek)
      .where((row) => row.or([row('status', '=', 'failed'), row.and([row('status', '=', 'claimed'), row('claimed_at', '<', staleBefore.toISOString())])]))
      .executeTakeFirst();
    return numUpdatedRows === 1n ? claimedAt : undefined;
  }

  async markReportSent(key: UserKey, isoWeek: string, claim: string, details: unknown): Promise<void> {
    await this.finish(key, isoWeek, { status: 'sent', details_json: toJsonText(details), error: null }, { claim });
  }

  async markReportFailed(key: UserKey, isoWeek: string, error: string, claim?: string): Promise<void> {
    // A late failure from a worker that lost its claim must not overwrite a report another one sent.
    await this.finish(key, isoWeek, { status: 'failed', error: error.slice(0, maxErrorLength) }, { unlessSent: true, claim });
  }

  async listReportRuns(isoWeek: string): Promise<ReportRun[]> {
    requireIsoWeek(isoWeek);
    const rows = await this.db.selectFrom('report_runs').selectAll().where('iso_week', '=', isoWeek).orderBy('tenant_id').orderBy('user_id').execute();
    return rows.map(reportRunFromRow);
  }

  async getReportRun(key: UserKey, isoWeek: string): Promise<ReportRun | undefined> {
    const { tenantId, userId } = requireUserKey(key);
    requireIsoWeek(isoWeek);
    const row = await this.db.selectFrom('report_runs').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('iso_week', '=', isoWeek).executeTakeFirst();
    return row ? reportRunFromRow(row) : undefined;
  }

  private async finish(
    key: UserKey,
    isoWeek: string,
    outcome: { status: 'sent' | 'failed'; details_json?: string | null; error: string | null },
    { unlessSent = false, claim }: { unlessSent?: boolean; claim?: string | undefined } = {},
  ): Promise<void> {
    const { tenantId, userId } = requireUserKey(key);
    requireIsoWeek(isoWeek);
    let update = this.db
      .updateTable('report_runs')
      .set({ ...outcome, finished_at: this.clock().toISOString() })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('iso_week', '=', isoWeek);
    if (unlessSent) update = update.where('status', '!=', 'sent');
    // Only the caller's own claim: after a takeover the row belongs to the worker that retook it.
    if (claim !== undefined) update = update.where('status', '=', 'claimed').where('claimed_at', '=', claim);
    const { numUpdatedRows } = await update.executeTakeFirst();
    if (numUpdatedRows === 1n) return;
    const run = await this.getReportRun({ tenantId, userId }, isoWeek);
    if (!run) throw new Error(`no report run for ${tenantId}/${userId} in ${isoWeek} (claim it first)`);
    if (unlessSent) return;
    throw new Error(`the ${isoWeek} report run for ${tenantId}/${userId} is no longer this caller's claim (another worker took it over)`);
  }
}

function reportRunFromRow(row: Selectable<ReportRunTable>): ReportRun {
  return {
    tenantId: row.tenant_id,
    userId: row.user_id,
    isoWeek: row.iso_week,
    status: row.status,
    details: fromJsonText(row.details_json) ?? null,
    error: row.error,
    claimedAt: row.claimed_at,
    finishedAt: row.finished_at,
  };
}

function requireIsoWeek(isoWeek: string): void {
  if (!isoWeekPattern.test(isoWeek)) throw new RangeError(`"${isoWeek}" is not an ISO week such as 2026-W10`);
}
