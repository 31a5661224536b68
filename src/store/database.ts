import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations.js';
import { SqlFeedbackRepository } from './sql-feedback-repository.js';
import { SqlGoogleAddonRepository, type GoogleEventPromptTable, type GooglePreReadTable, type GoogleWatchChannelTable } from './sql-google-addon-repository.js';
import { SqlReportRunRepository } from './sql-report-run-repository.js';
import { SqlSentThreadRepository } from './sql-sent-thread-repository.js';
import { SqlSettingsRepository } from './sql-settings-repository.js';
import { SqlUserRepository } from './sql-user-repository.js';
import { SqlVerdictCache } from './sql-verdict-cache.js';
import type { Store, StoreKind } from './store.js';
import { StoreMigrationError, StoreUnavailableError, failureReason, passwordOf, redactDatabaseUrl } from './store-errors.js';

export type { Store, StoreKind } from './store.js';
export type { UserKey } from './user-key.js';

/* The tables, as Kysely sees them. Timestamps are ISO 8601 text, JSON is text, booleans are 0/1. */

export interface UserTable {
  tenant_id: string;
  user_id: string;
  /** Lowercased, so that an import by e-mail finds the user whatever the case. */
  email: string | null;
  name: string | null;
  calendar_json: string | null;
  hourly_rate: number | null;
  currency: string | null;
  judge_mode: string | null;
  smart_alert_mode: string | null;
  report_opt_in: number | null;
  time_zone: string | null;
  channels_json: string | null;
  created_at: string;
  updated_at: string;
}

export interface VerdictCacheTable {
  cache_key: string;
  verdict_json: string;
  created_at: string;
}

export interface FeedbackTable {
  id: string;
  tenant_id: string;
  user_id: string;
  fingerprint: string;
  verdict: string;
  expected: string | null;
  comment: string | null;
  surface: string;
  created_at: string;
}

export interface SentThreadTable {
  tenant_id: string;
  user_id: string;
  idempotency_key: string;
  request_hash: string;
  state: 'in-progress' | 'done';
  result_json: string | null;
  claimed_at: string;
  completed_at: string | null;
}

export interface ReportRunTable {
  tenant_id: string;
  user_id: string;
  iso_week: string;
  status: 'claimed' | 'sent' | 'failed';
  details_json: string | null;
  error: string | null;
  claimed_at: string;
  finished_at: string | null;
}

export interface Database {
  users: UserTable;
  verdict_cache: VerdictCacheTable;
  feedback: FeedbackTable;
  sent_threads: SentThreadTable;
  report_runs: ReportRunTable;
  google_watch_channels: GoogleWatchChannelTable;
  google_event_prompts: GoogleEventPromptTable;
  google_pre_reads: GooglePreReadTable;
}

export interface OpenStoreOptions {
  /** A postgres:// or postgresql:// URL; without one, the SQLite file at `sqlitePath`. */
  databaseUrl?: string;
  /** Default `data/invite-challenger.sqlite` (its folder is created); `:memory:` for a throwaway store. */
  sqlitePath?: string;
  logger?: (message: string) => void;
  /** Where timestamps come from; tests move it forward. */
  clock?: () => Date;
}

export const defaultSqlitePath = 'data/invite-challenger.sqlite';

/** Connects, brings the schema up to date and returns the store. Fails with one clear line when it cannot. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const log = options.logger ?? (() => {});
  const clock = options.clock ?? (() => new Date());
  const connection = options.databaseUrl ? connectPostgres(options.databaseUrl, log) : connectSqlite(options.sqlitePath || defaultSqlitePath);
  const { db, kind } = connection;
  try {
    await connection.ping();
    const applied = await migrateToLatest(db, kind).catch((error: unknown) => {
      const migration = (error as { migrationName?: string }).migrationName;
      throw new StoreMigrationError(`${connection.setting}: migration ${migration ?? '(setup)'} failed on ${connection.target} (${failureReason(error, connection.secret)})`, {
        vendor: kind,
        isRetryable: false,
        cause: error,
      });
    });
    for (const name of applied) log(`store: applied migration ${name}`);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  log(`store: ${kind === 'postgres' ? 'PostgreSQL' : 'SQLite'} at ${connection.target}`);

  let closing: Promise<void> | undefined;
  return {
    kind,
    users: new SqlUserRepository(db, clock),
    settings: new SqlSettingsRepository(db, clock),
    verdicts: new SqlVerdictCache(db, clock, log),
    feedback: new SqlFeedbackRepository(db, clock),
    sentThreads: new SqlSentThreadRepository(db, clock),
    reportRuns: new SqlReportRunRepository(db, clock),
    googleAddon: new SqlGoogleAddonRepository(db, clock),
    ping: connection.ping,
    // Closing twice is harmless (a pg Pool throws when ended twice).
    close: () => (closing ??= db.destroy()),
  };
}

interface Connection {
  db: Kysely<Database>;
  kind: StoreKind;
  /** The setting an operator fixes when this fails. */
  setting: 'DATABASE_URL' | 'SQLITE_PATH';
  /** Where it points, printable. */
  target: string;
  secret?: string;
  ping(): Promise<void>;
}

function connectPostgres(databaseUrl: string, log: (message: string) => void): Connection {
  const target = redactDatabaseUrl(databaseUrl);
  if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    // Any other URL would silently fall back to a local SQLite file: refuse instead.
    throw new StoreUnavailableError(`DATABASE_URL: must be a postgres:// or postgresql:// URL, not ${target.split('://')[0]}:// (leave it unset for the SQLite file)`, {
      vendor: 'postgres',
      isRetryable: false,
    });
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  // An idle connection dropped by the server must not crash the process: the next query reconnects.
  pool.on('error', (error) => log(`store: an idle PostgreSQL connection failed (${failureReason(error, passwordOf(databaseUrl))})`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return withPing({ db, kind: 'postgres', setting: 'DATABASE_URL', target, secret: passwordOf(databaseUrl) });
}

function connectSqlite(sqlitePath: string): Connection {
  const inMemory = sqlitePath === ':memory:';
  let database: BetterSqlite3.Database;
  try {
    if (!inMemory) mkdirSync(dirname(sqlitePath), { recursive: true });
    database = new BetterSqlite3(sqlitePath);
    // WAL lets the weekly report read while the server writes; wait for a lock rather than fail.
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new StoreUnavailableError(`SQLITE_PATH: cannot open ${sqlitePath} (${failureReason(error)})`, { vendor: 'sqlite', isRetryable: false, cause: error });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return withPing({ db, kind: 'sqlite', setting: 'SQLITE_PATH', target: sqlitePath });
}

function withPing(connection: Omit<Connection, 'ping'>): Connection {
  const verb = connection.kind === 'postgres' ? 'connect to' : 'open';
  return {
    ...connection,
    ping: async () => {
      try {
        await sql`select 1`.execute(connection.db);
      } catch (error) {
        throw new StoreUnavailableError(`${connection.setting}: cannot ${verb} ${connection.target} (${failureReason(error, connection.secret)})`, {
          vendor: connection.kind,
          isRetryable: true,
          cause: error,
        });
      }
    },
  };
}
