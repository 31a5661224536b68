import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { ZodError } from 'zod';
import { classifyInvite } from '../../src/core/classifier/embedded-classifier.js';
import { parseInvite } from '../../src/core/invite.js';
import { openStore, type Database, type OpenStoreOptions } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrations.js';
import { abandonedClaimAfterMs } from '../../src/store/sql-sent-thread-repository.js';
import type { Store, StoreKind } from '../../src/store/store.js';
import { StoreUnavailableError } from '../../src/store/store-errors.js';
import type { UserKey } from '../../src/store/user-key.js';
import { userSettingsPatchSchema, type UserSettings } from '../../src/store/user-settings.js';

/**
 * One suite, run on SQLite (a temporary file, always) and on PostgreSQL when TEST_DATABASE_URL
 * is set (in a schema of its own, dropped afterwards, so that runs never collide).
 */

interface Target {
  kind: StoreKind;
  setUp(): Promise<Pick<OpenStoreOptions, 'databaseUrl' | 'sqlitePath'>>;
  /** A plain connection to the same database, to damage rows behind the store's back. */
  rawConnection(): Kysely<Database>;
  tearDown(): Promise<void>;
}

function sqliteTarget(): Target {
  let folder = '';
  let sqlitePath = '';
  return {
    kind: 'sqlite',
    async setUp() {
      folder = mkdtempSync(join(tmpdir(), 'invite-challenger-store-'));
      // A folder that does not exist yet: openStore creates it.
      sqlitePath = join(folder, 'data', 'store.sqlite');
      return { sqlitePath };
    },
    rawConnection: () => new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(sqlitePath) }) }),
    async tearDown() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function postgresTarget(testDatabaseUrl: string): Target {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: testDatabaseUrl, max: 1 });
  const url = new URL(testDatabaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  return {
    kind: 'postgres',
    async setUp() {
      await admin.query(`create schema ${schema}`);
      return { databaseUrl };
    },
    rawConnection: () => new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 2 }) }) }),
    async tearDown() {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}

const verdict = classifyInvite(parseInvite({ subject: 'Weekly KPIs', body: 'KPI pack attached.', start: '2026-01-05T10:00:00Z', durationMinutes: 30 }));
const otherVerdict = classifyInvite(parseInvite({ subject: 'Decide: close site 4?', body: 'We must decide today.', start: '2026-01-05T10:00:00Z', durationMinutes: 60 }));

const defaults: UserSettings = {
  hourlyRate: null,
  currency: null,
  judgeMode: null,
  smartAlertMode: 'soft-block',
  reportOptIn: true,
  timeZone: 'UTC',
  channels: ['email', 'teams', 'copy'],
};

function storeSuite(target: Target): void {
  describe(`the store on ${target.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`, () => {
    let now = new Date('2026-03-02T09:00:00.000Z');
    const clock = () => now;
    let connection: Pick<OpenStoreOptions, 'databaseUrl' | 'sqlitePath'>;
    let store: Store;
    /** A second store on the same database: another server process, for the races. */
    let otherServer: Store;
    let raw: Kysely<Database>;
    const firstOpenLog: string[] = [];
    const secondOpenLog: string[] = [];
    let keyCount = 0;
    /** A user of its own for each test, so that tests share the database without seeing each other. */
    const newUser = (tenantId = 'tenant-a'): UserKey => ({ tenantId, userId: `user-${++keyCount}` });

    beforeAll(async () => {
      connection = await target.setUp();
      store = await openStore({ ...connection, clock, logger: (line) => firstOpenLog.push(line) });
      otherServer = await openStore({ ...connection, clock, logger: (line) => secondOpenLog.push(line) });
      raw = target.rawConnection();
    });

    afterAll(async () => {
      await store?.close();
      await otherServer?.close();
      await raw?.destroy();
      await target.tearDown();
    });

    beforeEach(() => {
      now = new Date('2026-03-02T09:00:00.000Z');
    });

    it('migrates on first open, and a second open or run applies nothing and keeps the data', async () => {
      expect(store.kind).toBe(target.kind);
      expect(firstOpenLog).toContain('store: applied migration 0001_initial_schema');
      expect(secondOpenLog.filter((line) => line.includes('applied migration'))).toEqual([]);
      const key = newUser();
      await store.users.upsertUser(key, { name: 'Ada' });
      expect(await migrateToLatest(raw, target.kind)).toEqual([]);
      expect((await otherServer.users.getUser(key))?.name).toBe('Ada');
    });

    if (target.kind === 'sqlite') {
      it('creates the folder of the SQLite file and puts the file in WAL mode', async () => {
        expect(existsSync(connection.sqlitePath!)).toBe(true);
        const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(raw);
        expect(rows[0]?.journal_mode).toBe('wal');
      });
    }

    it('answers ping, and stops answering once closed', async () => {
      const extra = await openStore({ ...connection, clock });
      await expect(extra.ping()).resolves.toBeUndefined();
      await extra.close();
      await extra.close(); // twice is harmless
      await expect(extra.ping()).rejects.toThrow(StoreUnavailableError);
    });

    describe('settings', () => {
      it('gives the defaults to a user who never saved any', async () => {
        expect(await store.settings.getSettings(newUser())).toEqual(defaults);
      });

      it('applies a patch and keeps every field it does not name', async () => {
        const key = newUser();
        expect(await store.settings.putSettings(key, { hourlyRate: 120.5, currency: 'eur' })).toEqual({ ...defaults, hourlyRate: 120.5, currency: 'EUR' });
        await store.settings.putSettings(key, { timeZone: 'Europe/Paris', reportOptIn: false, channels: ['gmail'], judgeMode: 'hybrid', smartAlertMode: 'prompt-user' });
        expect(await store.settings.getSettings(key)).toEqual({
          hourlyRate: 120.5,
          currency: 'EUR',
          judgeMode: 'hybrid',
          smartAlertMode: 'prompt-user',
          reportOptIn: false,
          timeZone: 'Europe/Paris',
          channels: ['gmail'],
        });
        // null hands the choice back to the server default.
        expect((await store.settings.putSettings(key, { hourlyRate: null })).hourlyRate).toBeNull();
      });

      it('keeps both of two patches saved at the same moment', async () => {
        const key = newUser();
        await Promise.all([store.settings.putSettings(key, { hourlyRate: 90 }), otherServer.settings.putSettings(key, { timeZone: 'Asia/Tokyo' })]);
        expect(await store.settings.getSettings(key)).toMatchObject({ hourlyRate: 90, timeZone: 'Asia/Tokyo' });
      });

      it('rejects an invalid patch and stores nothing of it', async () => {
        const key = newUser();
        await store.settings.putSettings(key, { hourlyRate: 80 });
        const invalidPatches = [
          { timeZone: 'Mars/Olympus_Mons' },
          { hourlyRate: -5 },
          { currency: 'EURO' },
          { channels: ['fax'] },
          { channels: ['email', 'email'] },
          { judgeMode: 'oracle' },
          { smartAlertMode: 'block' },
          { hourlyRate: 100, colour: 'red' },
        ];
        for (const patch of invalidPatches) {
          await expect(store.settings.putSettings(key, patch as Partial<UserSettings>)).rejects.toThrow(ZodError);
        }
        expect(await store.settings.getSettings(key)).toEqual({ ...defaults, hourlyRate: 80 });
      });

      it('reads a stored value that no longer validates as its default, keeping the others', async () => {
        const key = newUser();
        await store.settings.putSettings(key, { timeZone: 'Europe/Paris', hourlyRate: 70 });
        await raw.updateTable('users').set({ time_zone: 'Atlantis/Capital', channels_json: '{broken' }).where('tenant_id', '=', key.tenantId).where('user_id', '=', key.userId).execute();
        expect(await store.settings.getSettings(key)).toEqual({ ...defaults, hourlyRate: 70 });
      });
    });

    describe('tenant isolation', () => {
      it('keeps the same user id in two tenants apart', async () => {
        const inContoso = { tenantId: 'contoso', userId: `shared-${++keyCount}` };
        const inFabrikam = { tenantId: 'fabrikam', userId: inContoso.userId };
        await store.users.upsertUser(inContoso, { email: 'kim@contoso.com', name: 'Kim' });
        await store.settings.putSettings(inContoso, { hourlyRate: 150 });
        await store.feedback.addFeedback(inContoso, { fingerprint: 'ab'.repeat(16), verdict: 'async', surface: 'outlook' });

        expect(await store.users.getUser(inFabrikam)).toBeUndefined();
        expect(await store.settings.getSettings(inFabrikam)).toEqual(defaults);
        expect(await store.feedback.listFeedback(inFabrikam)).toEqual([]);
        expect(await store.feedback.listFeedback(inContoso)).toHaveLength(1);
        expect(await store.sentThreads.claim(inContoso, 'send-0001', 'hash')).toEqual({ state: 'claimed' });
        expect(await store.sentThreads.claim(inFabrikam, 'send-0001', 'other-hash')).toEqual({ state: 'claimed' });
        expect(await store.reportRuns.claimReport(inContoso, '2026-W10')).toEqual(expect.any(String));
        expect(await store.reportRuns.claimReport(inFabrikam, '2026-W10')).toEqual(expect.any(String));
      });

      it('never shows one user the settings or feedback of another in the same tenant', async () => {
        const ada = newUser('contoso');
        const grace = newUser('contoso');
        await store.settings.putSettings(ada, { currency: 'GBP' });
        const adaFeedbackId = await store.feedback.addFeedback(ada, { fingerprint: 'cd'.repeat(16), verdict: 'trim', expected: 'keep', comment: 'the decision needs a call', surface: 'google' });
        await store.feedback.addFeedback(grace, { fingerprint: 'ef'.repeat(16), verdict: 'keep', surface: 'cli' });

        expect((await store.settings.getSettings(grace)).currency).toBeNull();
        expect(await store.feedback.listFeedback(ada)).toEqual([
          { id: adaFeedbackId, fingerprint: 'cd'.repeat(16), verdict: 'trim', expected: 'keep', comment: 'the decision needs a call', surface: 'google', createdAt: now.toISOString() },
        ]);
        expect((await store.feedback.listFeedback(grace)).map((feedback) => feedback.verdict)).toEqual(['keep']);
      });

      it('refuses a key with a blank tenant or user', async () => {
        await expect(store.settings.getSettings({ tenantId: '', userId: 'u' })).rejects.toThrow(TypeError);
        await expect(store.feedback.listFeedback({ tenantId: 't', userId: ' ' })).rejects.toThrow(TypeError);
      });
    });

    describe('users', () => {
      it('records who signed in, changing only the fields given, and lists them with their settings', async () => {
        const key = newUser('users-test');
        await store.users.upsertUser(key, { email: ' Ada@Example.COM ', name: 'Ada' });
        await store.users.upsertUser(key, { name: 'Ada Lovelace' });
        await store.settings.putSettings(key, { timeZone: 'Europe/London', reportOptIn: false });
        const expected = { ...key, email: 'ada@example.com', name: 'Ada Lovelace', timeZone: 'Europe/London', reportOptIn: false, calendar: null };
        expect(await store.users.getUser(key)).toEqual(expected);
        expect((await store.users.listUsers()).filter((user) => user.tenantId === 'users-test')).toEqual([expected]);
      });

      it('imports by e-mail into the local tenant, and onto the signed-in user when the address is known', async () => {
        const local = await store.users.upsertByEmail({ email: 'Grace@Example.com', name: 'Grace', timeZone: 'America/New_York', calendar: { ics: 'https://calendar.example.com/grace.ics' }, optIn: false });
        expect(local).toEqual({ tenantId: 'local', userId: 'grace@example.com' });
        expect(await store.users.getUser(local)).toEqual({
          ...local,
          email: 'grace@example.com',
          name: 'Grace',
          timeZone: 'America/New_York',
          reportOptIn: false,
          calendar: { ics: 'https://calendar.example.com/grace.ics' },
        });

        const signedIn = newUser('import-tenant');
        await store.users.upsertUser(signedIn, { email: 'lin@contoso.com' });
        expect(await store.users.upsertByEmail({ email: 'LIN@contoso.com', timeZone: 'Asia/Singapore', calendar: null, optIn: true })).toEqual(signedIn);
        expect(await store.settings.getSettings(signedIn)).toMatchObject({ timeZone: 'Asia/Singapore', reportOptIn: true });
        expect(await store.users.getUser({ tenantId: 'local', userId: 'lin@contoso.com' })).toBeUndefined();
      });

      it('leaves an existing user\'s opt-out alone when the import gives no optIn, and opts a new one in', async () => {
        const key = await store.users.upsertByEmail({ email: 'optout@example.com', timeZone: 'UTC', calendar: null });
        expect((await store.users.getUser(key))?.reportOptIn).toBe(true);
        await store.settings.putSettings(key, { reportOptIn: false });
        await store.users.upsertByEmail({ email: 'optout@example.com', timeZone: 'Europe/Paris', calendar: null });
        expect(await store.users.getUser(key)).toMatchObject({ timeZone: 'Europe/Paris', reportOptIn: false });
        await store.users.upsertByEmail({ email: 'optout@example.com', timeZone: 'Europe/Paris', calendar: null, optIn: true });
        expect((await store.users.getUser(key))?.reportOptIn).toBe(true);
      });

      it('refuses an import with an unknown time zone', async () => {
        await expect(store.users.upsertByEmail({ email: 'x@example.com', timeZone: 'Europe/Nowhere', calendar: null, optIn: true })).rejects.toThrow(ZodError);
        expect(await store.users.getUser({ tenantId: 'local', userId: 'x@example.com' })).toBeUndefined();
      });
    });

    describe('verdict cache', () => {
      it('gives back the verdict it was given, and the newer one after an overwrite', async () => {
        expect(await store.verdicts.get('verdict-key-1')).toBeUndefined();
        await store.verdicts.set('verdict-key-1', verdict);
        expect(await otherServer.verdicts.get('verdict-key-1')).toEqual(verdict);
        await store.verdicts.set('verdict-key-1', otherVerdict);
        expect(await store.verdicts.get('verdict-key-1')).toEqual(otherVerdict);
        expect(otherVerdict).not.toEqual(verdict);
      });

      it('treats a damaged or outdated row as a miss', async () => {
        await raw
          .insertInto('verdict_cache')
          .values([
            { cache_key: 'not-json', verdict_json: '{"verdict":"async",', created_at: now.toISOString() },
            { cache_key: 'wrong-shape', verdict_json: JSON.stringify({ ...verdict, verdict: 'cancel' }), created_at: now.toISOString() },
          ])
          .execute();
        expect(await store.verdicts.get('not-json')).toBeUndefined();
        expect(await store.verdicts.get('wrong-shape')).toBeUndefined();
        await store.verdicts.set('wrong-shape', verdict);
        expect(await store.verdicts.get('wrong-shape')).toEqual(verdict);
      });
    });

    describe('sending a thread once', () => {
      it('lets exactly one of ten concurrent claims of a key through', async () => {
        const key = newUser();
        const claims = await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 ? otherServer : store).sentThreads.claim(key, 'double-click', 'hash-1')));
        expect(claims.filter((claim) => claim.state === 'claimed')).toHaveLength(1);
        expect(claims.filter((claim) => claim.state === 'in-progress')).toHaveLength(9);
      });

      it('gives a repeat the stored result once the send is done', async () => {
        const key = newUser();
        expect(await store.sentThreads.claim(key, 'send-key-1', 'hash-1')).toEqual({ state: 'claimed' });
        const result = { status: 'sent', messageId: '<m-1@example.com>', recipients: 3 };
        await store.sentThreads.complete(key, 'send-key-1', result);
        expect(await otherServer.sentThreads.claim(key, 'send-key-1', 'hash-1')).toEqual({ state: 'done', result });
      });

      it('calls it a conflict when the key comes back with a different request', async () => {
        const key = newUser();
        await store.sentThreads.claim(key, 'send-key-2', 'hash-1');
        expect(await store.sentThreads.claim(key, 'send-key-2', 'hash-2')).toEqual({ state: 'conflict' });
        await store.sentThreads.complete(key, 'send-key-2', { status: 'sent' });
        expect(await store.sentThreads.claim(key, 'send-key-2', 'hash-2')).toEqual({ state: 'conflict' });
      });

      it('lets the user try again after a failed send is released, but never releases a done send', async () => {
        const key = newUser();
        await store.sentThreads.claim(key, 'send-key-3', 'hash-1');
        expect(await store.sentThreads.claim(key, 'send-key-3', 'hash-1')).toEqual({ state: 'in-progress' });
        await store.sentThreads.release(key, 'send-key-3');
        expect(await store.sentThreads.claim(key, 'send-key-3', 'hash-1')).toEqual({ state: 'claimed' });
        await store.sentThreads.complete(key, 'send-key-3', 'ok');
        await store.sentThreads.release(key, 'send-key-3');
        expect(await store.sentThreads.claim(key, 'send-key-3', 'hash-1')).toEqual({ state: 'done', result: 'ok' });
      });

      it('hands a claim abandoned by a crashed server to one later caller', async () => {
        const key = newUser();
        await store.sentThreads.claim(key, 'send-key-4', 'hash-1');
        now = new Date(now.getTime() + abandonedClaimAfterMs - 1000);
        expect(await store.sentThreads.claim(key, 'send-key-4', 'hash-1')).toEqual({ state: 'in-progress' });
        now = new Date(now.getTime() + 2000);
        const takeovers = await Promise.all([store.sentThreads.claim(key, 'send-key-4', 'hash-1'), otherServer.sentThreads.claim(key, 'send-key-4', 'hash-1')]);
        expect(takeovers.map((claim) => claim.state).sort()).toEqual(['claimed', 'in-progress']);
      });

      it('refuses to complete a send that was never claimed', async () => {
        await expect(store.sentThreads.complete(newUser(), 'never-claimed', {})).rejects.toThrow(/no send in progress/);
      });
    });

    describe('weekly report runs', () => {
      it('claims a user’s report once per ISO week, even when ten workers ask at once', async () => {
        const key = newUser();
        const claims = await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 ? otherServer : store).reportRuns.claimReport(key, '2026-W11')));
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await store.reportRuns.claimReport(key, '2026-W11')).toBeUndefined();
        expect(await store.reportRuns.claimReport(key, '2026-W12')).toBe(now.toISOString());
      });

      it('records which reports went out and which failed, week by week', async () => {
        const sent = newUser('report-tenant');
        const failed = newUser('report-tenant');
        const sentClaim = (await store.reportRuns.claimReport(sent, '2026-W13'))!;
        const failedClaim = await store.reportRuns.claimReport(failed, '2026-W13');
        await store.reportRuns.claimReport(sent, '2026-W14');
        now = new Date('2026-03-30T08:05:00.000Z');
        await store.reportRuns.markReportSent(sent, '2026-W13', sentClaim, { invites: 12, hoursSaved: 3.5 });
        await store.reportRuns.markReportFailed(failed, '2026-W13', 'SMTP 550 mailbox unavailable', failedClaim);

        const runs = (await store.reportRuns.listReportRuns('2026-W13')).filter((run) => run.tenantId === 'report-tenant').sort((a, b) => a.userId.localeCompare(b.userId));
        expect(runs).toEqual([
          { ...sent, isoWeek: '2026-W13', status: 'sent', details: { invites: 12, hoursSaved: 3.5 }, error: null, claimedAt: '2026-03-02T09:00:00.000Z', finishedAt: '2026-03-30T08:05:00.000Z' },
          { ...failed, isoWeek: '2026-W13', status: 'failed', details: null, error: 'SMTP 550 mailbox unavailable', claimedAt: '2026-03-02T09:00:00.000Z', finishedAt: '2026-03-30T08:05:00.000Z' },
        ].sort((a, b) => a.userId.localeCompare(b.userId)));
        expect((await store.reportRuns.listReportRuns('2026-W14')).find((run) => run.userId === sent.userId)?.status).toBe('claimed');
      });

      it('refuses a week that is not an ISO week, and a report that was never claimed', async () => {
        await expect(store.reportRuns.claimReport(newUser(), '2026-10')).rejects.toThrow(RangeError);
        await expect(store.reportRuns.markReportSent(newUser(), '2026-W15', now.toISOString(), {})).rejects.toThrow(/claim it first/);
      });

      it('lets only the worker that still holds the claim record the outcome once another took the week over', async () => {
        const key = newUser();
        const stale = (await store.reportRuns.claimReport(key, '2026-W16'))!;
        now = new Date(now.getTime() + 60_000);
        const retaken = (await otherServer.reportRuns.retakeReport(key, '2026-W16', new Date(now.getTime() - 30_000)))!;
        expect(retaken).not.toBe(stale);
        await expect(store.reportRuns.markReportSent(key, '2026-W16', stale, { late: true })).rejects.toThrow(/no longer this caller's claim/);
        await store.reportRuns.markReportFailed(key, '2026-W16', 'late failure', stale);
        expect(await store.reportRuns.getReportRun(key, '2026-W16')).toMatchObject({ status: 'claimed', claimedAt: retaken, error: null, details: null });
        await otherServer.reportRuns.markReportSent(key, '2026-W16', retaken, { sentBy: 'the new owner' });
        expect(await store.reportRuns.getReportRun(key, '2026-W16')).toMatchObject({ status: 'sent', details: { sentBy: 'the new owner' } });
      });
    });
  });
}

storeSuite(sqliteTarget());

const testDatabaseUrl = process.env.TEST_DATABASE_URL;
if (testDatabaseUrl) storeSuite(postgresTarget(testDatabaseUrl));
else console.info('store: PostgreSQL run skipped (set TEST_DATABASE_URL=postgres://… to run the same suite on PostgreSQL)');

describe('openStore failures', () => {
  it('says in one line, without the password, that PostgreSQL cannot be reached', async () => {
    const failure = openStore({ databaseUrl: 'postgres://challenger:hunter2-secret@127.0.0.1:1/invites?sslpassword=also-secret' });
    await expect(failure).rejects.toThrow(StoreUnavailableError);
    await expect(failure).rejects.toThrow(/^DATABASE_URL: cannot connect to postgres:\/\/challenger@127\.0\.0\.1:1\/invites \(ECONNREFUSED\)$/);
  });

  it('refuses a DATABASE_URL for another database rather than quietly using SQLite', async () => {
    const failure = openStore({ databaseUrl: 'mysql://root:hunter2@127.0.0.1/invites' });
    await expect(failure).rejects.toThrow(/^DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL, not mysql:\/\//);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });

  it('says which SQLite path cannot be opened', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'invite-challenger-store-'));
    const aFile = join(folder, 'not-a-folder');
    writeFileSync(aFile, '');
    try {
      await expect(openStore({ sqlitePath: join(aFile, 'store.sqlite') })).rejects.toThrow(new RegExp(`^SQLITE_PATH: cannot open ${aFile}/store\\.sqlite \\((EEXIST|ENOTDIR): [^\\n]+\\)$`));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('opens a throwaway store in memory', async () => {
    const store = await openStore({ sqlitePath: ':memory:' });
    await store.settings.putSettings({ tenantId: 't', userId: 'u' }, { currency: 'CHF' });
    expect((await store.settings.getSettings({ tenantId: 't', userId: 'u' })).currency).toBe('CHF');
    await store.close();
  });
});

describe('userSettingsPatchSchema', () => {
  it('accepts a partial patch and rejects unknown keys', () => {
    expect(userSettingsPatchSchema.parse({ reportOptIn: false })).toEqual({ reportOptIn: false });
    expect(userSettingsPatchSchema.safeParse({ reportOptIn: false, theme: 'dark' }).success).toBe(false);
  });
});
