import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { enqueueWeek, openReportQueue, reportJobId, reportQueue, weekProgress } from '../../src/report/fanout/pg-boss-fanout.js';
import type { StoredUser } from '../../src/store/store.js';

/** Opening the report queue and reading a week's progress, against a real PostgreSQL database of its own. */

const testDatabaseUrl = process.env.TEST_DATABASE_URL;
const week = '2026-W49';
const user = (userId: string): StoredUser => ({ tenantId: 'local', userId, email: userId, name: null, timeZone: 'UTC', reportOptIn: true, calendar: null });

if (testDatabaseUrl) {
  describe('the pg-boss report queue', () => {
    let admin: pg.Pool;
    let databaseName: string;
    let databaseUrl: string;

    beforeAll(async () => {
      admin = new pg.Pool({ connectionString: testDatabaseUrl, max: 1 });
      databaseName = `ic_queue_${randomBytes(5).toString('hex')}`;
      await admin.query(`create database ${databaseName}`);
      const url = new URL(testDatabaseUrl);
      url.pathname = `/${databaseName}`;
      databaseUrl = url.toString();
    });
    afterAll(async () => {
      await admin.query(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
    });

    const pgBossConnections = async () =>
      Number((await admin.query<{ count: string }>(`select count(*) from pg_stat_activity where datname = $1 and application_name = 'pgboss'`, [databaseName])).rows[0]!.count);

    // First: the queues do not exist yet, so opening tries (and fails) to create them.
    it('stops pg-boss again when the queues cannot be set up after it started', async () => {
      await expect(openReportQueue({ databaseUrl, jobTimeoutSeconds: 60, retryLimit: -1 }, () => undefined)).rejects.toThrow(/retryLimit/);
      // pg-boss's pool is ended: nothing is left connected (or ticking) in this process.
      for (let wait = 0; wait < 20 && (await pgBossConnections()) > 0; wait++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await pgBossConnections()).toBe(0);
    }, 30_000);

    it('counts a cancelled job as failed, so a run waiting for the week ends', async () => {
      const boss = await openReportQueue({ databaseUrl, jobTimeoutSeconds: 60 }, () => undefined);
      try {
        const users = [user('ada@example.com'), user('grace@example.com')];
        await enqueueWeek(boss, users, week);
        await boss.cancel(reportQueue, reportJobId(week, users[0]!));
        const [active] = await boss.fetch(reportQueue);
        expect(active?.id).toBe(reportJobId(week, users[1]!));
        await boss.complete(reportQueue, active!.id, { status: 'sent' });
        const progress = await weekProgress(boss, week, new Map(users.map((each) => [`${each.tenantId}/${each.userId}`, each])));
        expect(progress).toMatchObject({ total: 2, sent: 1, failed: 1, remaining: 0 });
        expect(progress.failedUsers).toEqual([expect.objectContaining({ userId: 'ada@example.com', error: 'cancelled' })]);
      } finally {
        await boss.stop({ graceful: false });
      }
    });
  });
} else {
  describe('the pg-boss report queue', () => {
    it('runs on PostgreSQL only', () => {
      console.info('pg-boss queue: skipped (set TEST_DATABASE_URL=postgres://… to run it)');
      expect(testDatabaseUrl).toBeUndefined();
    });
  });
}
