import type { Kysely, Selectable } from 'kysely';
import type { Database, UserTable } from './database.js';
import { fromJsonText, toJsonText } from './json-text.js';
import { settingsFromRow } from './sql-settings-repository.js';
import type { StoredUser, UserImport, UserRepository } from './store.js';
import { localTenantId, requireUserKey, type UserKey } from './user-key.js';
import { userSettingsPatchSchema } from './user-settings.js';

export class SqlUserRepository implements UserRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => Date,
  ) {}

  async upsertUser(key: UserKey, profile: { email?: string; name?: string }): Promise<void> {
    const { tenantId, userId } = requireUserKey(key);
    const timestamp = this.clock().toISOString();
    const email = normalizeEmail(profile.email);
    const changes = { ...(email && { email }), ...(profile.name !== undefined && { name: profile.name }), updated_at: timestamp };
    await this.db
      .insertInto('users')
      .values({ tenant_id: tenantId, user_id: userId, created_at: timestamp, ...changes })
      .onConflict((conflict) => conflict.columns(['tenant_id', 'user_id']).doUpdateSet(changes))
      .execute();
  }

  async getUser(key: UserKey): Promise<StoredUser | undefined> {
    const { tenantId, userId } = requireUserKey(key);
    const row = await this.db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
    return row && storedUserFromRow(row);
  }

  async listUsers(): Promise<StoredUser[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('tenant_id').orderBy('user_id').execute();
    return rows.map(storedUserFromRow);
  }

  async upsertByEmail(entry: UserImport): Promise<UserKey> {
    const email = normalizeEmail(entry.email);
    if (!email) throw new TypeError('an imported user needs an e-mail address');
    // Same checks as PUT /api/settings: an import must not store what the API would refuse.
    const settings = userSettingsPatchSchema.parse({ timeZone: entry.timeZone, reportOptIn: entry.optIn });

    const owners = await this.db.selectFrom('users').select(['tenant_id', 'user_id']).where('email', '=', email).execute();
    if (owners.length > 1) {
      const tenants = owners.map((owner) => owner.tenant_id).join(', ');
      throw new Error(`${email} belongs to users in several tenants (${tenants}): cannot tell which one to update`);
    }
    const key: UserKey = owners[0] ? { tenantId: owners[0].tenant_id, userId: owners[0].user_id } : { tenantId: localTenantId, userId: email };

    const timestamp = this.clock().toISOString();
    const changes = {
      email,
      ...(entry.name !== undefined && { name: entry.name }),
      calendar_json: toJsonText(entry.calendar),
      time_zone: settings.timeZone,
      // Only an explicit optIn changes an existing user's choice: re-importing must not re-subscribe.
      ...(settings.reportOptIn !== undefined && { report_opt_in: settings.reportOptIn ? 1 : 0 }),
      updated_at: timestamp,
    };
    await this.db
      .insertInto('users')
      .values({ tenant_id: key.tenantId, user_id: key.userId, created_at: timestamp, report_opt_in: 1, ...changes })
      .onConflict((conflict) => conflict.columns(['tenant_id', 'user_id']).doUpdateSet(changes))
      .execute();
    return key;
  }
}

/**
 * Creates the user's row if it is missing, so that their data (which references it) can be
 * written before they ever saved a profile. Concurrent calls are fine: the second does nothing.
 */
export async function ensureUserRow(db: Kysely<Database>, key: UserKey, timestamp: string): Promise<void> {
  await db
    .insertInto('users')
    .values({ tenant_id: key.tenantId, user_id: key.userId, created_at: timestamp, updated_at: timestamp })
    .onConflict((conflict) => conflict.columns(['tenant_id', 'user_id']).doNothing())
    .execute();
}

function normalizeEmail(email: string | undefined): string | undefined {
  const normalized = email?.trim().toLowerCase();
  return normalized ? normalized : undefined;
}

function storedUserFromRow(row: Selectable<UserTable>): StoredUser {
  const settings = settingsFromRow(row);
  return {
    tenantId: row.tenant_id,
    userId: row.user_id,
    email: row.email,
    name: row.name,
    timeZone: settings.timeZone,
    reportOptIn: settings.reportOptIn,
    calendar: fromJsonText(row.calendar_json) ?? null,
  };
}
