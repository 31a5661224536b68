import type { Kysely, Selectable } from 'kysely';
import type { Database, UserTable } from './database.js';
import { fromJsonText, toJsonText } from './json-text.js';
import type { SettingsRepository } from './store.js';
import { requireUserKey, type UserKey } from './user-key.js';
import { userSettingsPatchSchema, userSettingsSchema, type UserSettings } from './user-settings.js';

const settingsColumns = ['hourly_rate', 'currency', 'judge_mode', 'smart_alert_mode', 'report_opt_in', 'time_zone', 'channels_json'] as const;
type SettingsRow = Pick<Selectable<UserTable>, (typeof settingsColumns)[number]>;

/** Settings live in the users table, one column per field (see migrations.ts). */
export class SqlSettingsRepository implements SettingsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
  ) {}

  async getSettings(key: UserKey): Promise<UserSettings> {
    const { tenantId, userId } = requireUserKey(key);
    const row = await this.db.selectFrom('users').select(settingsColumns).where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
    return settingsFromRow(row);
  }

  async putSettings(key: UserKey, patch: Partial<UserSettings>): Promise<UserSettings> {
    const { tenantId, userId } = requireUserKey(key);
    const changes = settingsToColumns(userSettingsPatchSchema.parse(patch));
    const timestamp = this.clock().toISOString();
    // Only the patched columns are written, in one statement: two patches at once both land.
    const row = await this.db
      .insertInto('users')
      .values({ tenant_id: tenantId, user_id: userId, created_at: timestamp, updated_at: timestamp, ...changes })
      .onConflict((conflict) => conflict.columns(['tenant_id', 'user_id']).doUpdateSet({ ...changes, updated_at: timestamp }))
      .returning(settingsColumns)
      .executeTakeFirstOrThrow();
    return settingsFromRow(row);
  }
}

/** Stored columns to settings: a NULL column (never set) takes its default. */
export function settingsFromRow(row: SettingsRow | undefined): UserSettings {
  const stored: Record<string, unknown> = {
    hourlyRate: row?.hourly_rate ?? null,
    currency: row?.currency ?? null,
    judgeMode: row?.judge_mode ?? null,
    smartAlertMode: row?.smart_alert_mode ?? undefined,
    reportOptIn: row?.report_opt_in == null ? undefined : row.report_opt_in !== 0,
    timeZone: row?.time_zone ?? undefined,
    channels: row?.channels_json == null ? undefined : fromJsonText(row.channels_json),
  };
  const parsed = userSettingsSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  // A value that no longer validates (a time zone retired from the tz database, a channel we
  // dropped) falls back to its default instead of breaking every request of that user.
  for (const issue of parsed.error.issues) delete stored[String(issue.path[0])];
  return userSettingsSchema.parse(stored);
}

function settingsToColumns(patch: Partial<UserSettings>): Partial<SettingsRow> {
  const columns: Partial<SettingsRow> = {};
  if (patch.hourlyRate !== undefined) columns.hourly_rate = patch.hourlyRate;
  if (patch.currency !== undefined) columns.currency = patch.currency;
  if (patch.judgeMode !== undefined) columns.judge_mode = patch.judgeMode;
  if (patch.smartAlertMode !== undefined) columns.smart_alert_mode = patch.smartAlertMode;
  if (patch.reportOptIn !== undefined) columns.report_opt_in = patch.reportOptIn ? 1 : 0;
  if (patch.timeZone !== undefined) columns.time_zone = patch.timeZone;
  if (patch.channels !== undefined) columns.channels_json = toJsonText(patch.channels);
  return columns;
}
