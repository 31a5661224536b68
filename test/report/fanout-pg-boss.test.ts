import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { main } from '../../src/cli.js';
import type { CliIo } from '../../src/cli/io.js';
import { reportJobId } from '../../src/report/fanout/pg-boss-fanout.js';
import { openStore } from '../../src/store/database.js';
import { startSmtpSink, type SmtpSink } from '../mail/smtp-sink.js';

/**
 * The PostgreSQL fan-out end to end: 300 users, `report --all --send` in this process and three
 * `invite-challenger worker` child processes (the built CLI) sharing the pg-boss jobs, a real SMTP server counting
 * what it accepted. One worker is SIGKILLed while its message waits for the server's 250 (so that
 * message is not delivered): its job expires, is retried, the stale claim is taken over, and
 * every user still gets exactly one e-mail.
 */

const testDatabaseUrl = process.env.TEST_DATABASE_URL;
/** The workers are the built CLI, as deployed (`npm test` builds first; alone: `npx tsc -p tsconfig.build.json`). */
const builtCli = fileURLToPath(new URL('../../bin/invite-challenger.js', import.meta.url));
const builtWorker = fileURLToPath(new URL('../../dist/src/cli/worker-command.js', import.meta.url));
const week = '2026-W49';
const users = 300;

/** Fails with a description of where things stand, rather than hanging until Jest's timeout. */
async function within<T>(milliseconds: number, promise: Promise<T>, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(describe())), milliseconds)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('pg-boss job ids', () => {
  it('are one UUID per (week, user), the same every time', () => {
    const ada = { tenantId: 'local', userId: 'ada@example.com' };
    expect(reportJobId(week, ada)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(reportJobId(week, ada)).toBe(reportJobId(week, { ...ada }));
    expect(reportJobId('2026-W50', ada)).not.toBe(reportJobId(week, ada));
    expect(reportJobId(week, { tenantId: 'local', userId: 'grace@example.com' })).not.toBe(reportJobId(week, ada));
  });
});

if (testDatabaseUrl) {
  describe('report fan-out on pg-boss with three worker processes', () => {
    let folder: string;
    let sink: SmtpSink;
    let admin: pg.Pool;
    let databaseName: string;
    let databaseUrl: string;
    const workers: ChildProcess[] = [];
    const workerOutput: string[] = [];

    beforeAll(async () => {
      if (!existsSync(builtWorker)) throw new Error('the built CLI is missing: run `npx tsc -p tsconfig.build.json` first');
      folder = mkdtempSync(join(tmpdir(), 'invite-challenger-pgboss-'));
      // A database of its own: pg-boss keeps its jobs in a fixed schema, which other runs must not see.
      admin = new pg.Pool({ connectionString: testDatabaseUrl, max: 1 });
      databaseName = `ic_fanout_${randomBytes(5).toString('hex')}`;
      await admin.query(`create database ${databaseName}`);
      const url = new URL(testDatabaseUrl);
      url.pathname = `/${databaseName}`;
      databaseUrl = url.toString();
      sink = await startSmtpSink();

      const calendar = join(folder, 'team.ics');
      writeFileSync(
        calendar,
        ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', 'BEGIN:VEVENT', 'UID:standup', 'SUMMARY:Daily status round', 'DESCRIPTION:Status update from each team',
          'DTSTART:20261201T080000Z', 'DTEND:20261201T083000Z', 'RRULE:FREQ=DAILY;COUNT=5', 'ORGANIZER:mailto:lead@example.com',
          'ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.com', 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:b@example.com', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n'),
      );
      const store = await openStore({ databaseUrl });
      for (let index = 0; index < users; index++) {
        await store.users.upsertByEmail({ email: `user${index}@example.com`, timeZone: 'Europe/Paris', calendar: { ics: calendar }, optIn: true });
      }
      await store.close();
    }, 60_000);

    afterAll(async () => {
      for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGTERM');
      await Promise.all(workers.map((worker) => (worker.exitCode === null && worker.signalCode === null ? new Promise((resolve) => worker.once('exit', resolve)) : undefined)));
      await sink.close();
      await admin.query(`drop database if exists ${databaseName} with (force)`);
      await admin.end();
      rmSync(folder, { recursive: true, force: true });
    }, 60_000);

    const environment = (name: string, concurrency: number): Record<string, string> => ({
      DATABASE_URL: databaseUrl,
      SMTP_URL: `${sink.url}/?name=${name}`,
      MAIL_FROM: 'Invite Challenger <challenger@example.com>',
      REPORT_SIGNING_SECRET: 'pg-boss-fanout-test-secret-0123456789',
      PUBLIC_URL: 'https://challenger.example.com',
      REPORT_SCHEDULE: 'off',
      REPORT_CONCURRENCY: String(concurrency),
      REPORT_JOB_TIMEOUT_SECONDS: '4',
      LOG_LEVEL: 'silent',
    });

    function startWorker(name: string): Promise<ChildProcess> {
      const child = spawn(process.execPath, [builtCli, 'worker'], {
        env: { PATH: process.env.PATH ?? '', ...environment(name, 1) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      workers.push(child);
      let output = '';
      return new Promise((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('worker started')) resolve(child);
        });
        child.stderr!.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          workerOutput.push(`${name}: ${chunk.toString().trim()}`);
        });
        child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it started: ${output}`)));
      });
    }

    it('sends 300 users exactly 300 e-mails, even with one worker SIGKILLed mid-send', async () => {
      const started = Date.now();
      const [doomed] = await within(30_000, Promise.all(['worker-1', 'worker-2', 'worker-3'].map(startWorker)), () => `the workers did not start: ${workerOutput.join(' | ')}`);

      const stdout: string[] = [];
      const stderr: string[] = [];
      const io: CliIo = { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text), stdin: () => [], env: environment('leader', 2) };
      const run = main(['report', '--all', '--week', week, '--send'], io);

      // Once the run is under way, hold worker-1's next message before the server's 250 and kill it there.
      while (sink.received.length < 60) {
        if (Date.now() - started > 45_000) throw new Error(`only ${sink.received.length} e-mails after 45 s: ${stderr.join(' | ')} ${workerOutput.join(' | ')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const hold = await within(15_000, sink.holdNextFrom('worker-1'), () => `worker-1 sent nothing more (${sink.received.length} received): ${workerOutput.join(' | ')}`);
      const receivedAtKill = sink.received.length;

      doomed!.kill('SIGKILL');
      await within(10_000, hold.aborted, () => 'the SMTP server never saw worker-1 go');
      hold.release();

      const status = await within(45_000, run, () => `report --all still running: ${sink.received.length} received; ${stderr.join(' | ')}`);
      expect(stderr.join('\n')).toMatch(/2026-W49 \[#+\] 300 done · 0 failed · 0 remaining/);
      expect(status).toBe(0);
      expect(stdout.at(-1)).toBe('2026-W49: 300 sent, 0 skipped (already sent or unsubscribed), 0 failed');
      expect(receivedAtKill).toBeLessThan(users);

      const recipients = sink.received.map((mail) => mail.envelopeTo[0]);
      expect(recipients).toHaveLength(users);
      expect(new Set(recipients).size).toBe(users);
      // Every process did some of the work, the killed one included (before it died).
      const senders = new Set(sink.received.map((mail) => mail.clientName));
      expect([...senders].sort()).toEqual(['leader', 'worker-1', 'worker-2', 'worker-3']);

      const store = await openStore({ databaseUrl });
      const runs = await store.reportRuns.listReportRuns(week);
      await store.close();
      expect(runs.filter((run) => run.status === 'sent')).toHaveLength(users);
      expect(Date.now() - started).toBeLessThan(60_000);
    }, 90_000);
  });
} else {
  console.info('report fan-out: the pg-boss run is skipped (set TEST_DATABASE_URL=postgres://… to run it on PostgreSQL)');
}
