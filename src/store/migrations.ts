import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { Database } from './database.js';
import type { StoreKind } from './store.js';

/**
 * The schema, in code rather than files so that it ships inside dist/ with nothing to scan.
 * One list for SQLite and PostgreSQL: only portable types (text, integer, double precision),
 * timestamps as ISO 8601 text and JSON as text, so both databases return the same values.
 * Never edit a migration that has shipped; add the next one.
 */
const migrations: Record<string, Migration> = {
  '0001_initial_schema': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('tenant_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('email', 'text')
        .addColumn('name', 'text')
        .addColumn('calendar_json', 'text')
        // Settings, one column each so that a patch updates only its fields (no lost updates);
        // null means "never set": the default in user-settings.ts applies.
        .addColumn('hourly_rate', 'double precision')
        .addColumn('currency', 'text')
        .addColumn('judge_mode', 'text')
        .addColumn('smart_alert_mode', 'text')
        .addColumn('report_opt_in', 'integer')
        .addColumn('time_zone', 'text')
        .addColumn('channels_json', 'text')
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('users_pk', ['tenant_id', 'user_id'])
        .execute();
      await db.schema.createIndex('users_email_idx').on('users').column('email').execute();

      await db.schema
        .createTable('verdict_cache')
        .addColumn('cache_key', 'text', (column) => column.primaryKey())
        .addColumn('verdict_json', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .execute();

      // User data references its user, so that deleting a user deletes everything about them.
      await db.schema
        .createTable('feedback')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('tenant_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('fingerprint', 'text', (column) => column.notNull())
        .addColumn('verdict', 'text', (column) => column.notNull())
        .addColumn('expected', 'text')
        .addColumn('comment', 'text')
        .addColumn('surface', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addForeignKeyConstraint('feedback_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'user_id'], (constraint) => constraint.onDelete('cascade'))
        .addCheckConstraint('feedback_verdict_check', sql`verdict in ('async', 'trim', 'keep') and (expected is null or expected in ('async', 'trim', 'keep'))`)
        .execute();
      await db.schema.createIndex('feedback_user_idx').on('feedback').columns(['tenant_id', 'user_id', 'created_at']).execute();

      // The primary key is what makes a claim atomic: a second INSERT of the same key does nothing.
      await db.schema
        .createTable('sent_threads')
        .addColumn('tenant_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('idempotency_key', 'text', (column) => column.notNull())
        .addColumn('request_hash', 'text', (column) => column.notNull())
        .addColumn('state', 'text', (column) => column.notNull())
        .addColumn('result_json', 'text')
        .addColumn('claimed_at', 'text', (column) => column.notNull())
        .addColumn('completed_at', 'text')
        .addPrimaryKeyConstraint('sent_threads_pk', ['tenant_id', 'user_id', 'idempotency_key'])
        .addForeignKeyConstraint('sent_threads_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'user_id'], (constraint) => constraint.onDelete('cascade'))
        .addCheckConstraint('sent_threads_state_check', sql`state in ('in-progress', 'done')`)
        .execute();

      await db.schema
        .createTable('report_runs')
        .addColumn('tenant_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('iso_week', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('details_json', 'text')
        .addColumn('error', 'text')
        .addColumn('claimed_at', 'text', (column) => column.notNull())
        .addColumn('finished_at', 'text')
        .addPrimaryKeyConstraint('report_runs_pk', ['tenant_id', 'user_id', 'iso_week'])
        .addForeignKeyConstraint('report_runs_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'user_id'], (constraint) => constraint.onDelete('cascade'))
        .addCheckConstraint('report_runs_status_check', sql`status in ('claimed', 'sent', 'failed')`)
        .execute();
      await db.schema.createIndex('report_runs_week_idx').on('report_runs').column('iso_week').execute();
    },

    async down(db: Kysely<unknown>) {
      for (const table of ['report_runs', 'sent_threads', 'feedback', 'verdict_cache', 'users']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },

  // The Google Calendar add-on (src/google-addon): push channels on users' calendars, the one
  // prompt per created event, and the pre-reads a trimmed meeting links to.
  '0002_google_addon': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('google_watch_channels')
        .addColumn('channel_id', 'text', (column) => column.primaryKey())
        .addColumn('tenant_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('user_email', 'text', (column) => column.notNull())
        .addColumn('calendar_id', 'text', (column) => column.notNull())
        .addColumn('resource_id', 'text', (column) => column.notNull())
        // Only a hash of the channel's secret token: a leaked database cannot forge notifications.
        .addColumn('token_hash', 'text', (column) => column.notNull())
        .addColumn('expires_at', 'text', (column) => column.notNull())
        .addColumn('sync_token', 'text')
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addForeignKeyConstraint('google_watch_channels_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'user_id'], (constraint) => constraint.onDelete('cascade'))
        .execute();
      await db.schema.createIndex('google_watch_channels_user_idx').on('google_watch_channels').columns(['tenant_id', 'user_id']).execute();
      await db.schema.createIndex('google_watch_channels_expiry_idx').on('google_watch_channels').column('expires_at').execute();

      // The primary key makes "one prompt per event" atomic, however often Google notifies.
      await db.schema
        .createTable('google_event_prompts')
        .addColumn('tenant_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('event_id', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('google_event_prompts_pk', ['tenant_id', 'user_id', 'event_id'])
        .addForeignKeyConstraint('google_event_prompts_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'user_id'], (constraint) => constraint.onDelete('cascade'))
        .execute();

      await db.schema
        .createTable('google_pre_reads')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('tenant_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('content_json', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addForeignKeyConstraint('google_pre_reads_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'user_id'], (constraint) => constraint.onDelete('cascade'))
        .execute();
    },

    async down(db: Kysely<unknown>) {
      for (const table of ['google_pre_reads', 'google_event_prompts', 'google_watch_channels']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
};

/**
 * Brings the schema up to date and returns the names of the migrations it applied (none when it
 * already was). Safe to run from several servers at once: Kysely takes a lock.
 */
export async function migrateToLatest(db: Kysely<Database>, kind: StoreKind): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // On PostgreSQL, Kysely looks for its bookkeeping tables in every schema unless told which:
    // name ours, so that a database shared with other schemas (or test runs) is not confused.
    migrationTableSchema: kind === 'postgres' ? await currentSchema(db) : undefined,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((result) => result.status === 'Error');
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { migrationName: failed?.migrationName });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('no schema in the search_path exists (create it, or fix options=-c search_path=…)');
  return schema;
}
