import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/io.js';
import { workerCommand } from '../../src/cli/worker-command.js';
import { ConfigError, loadServerConfig } from '../../src/config.js';
import { formatIsoWeek, previousIsoWeek } from '../../src/report/iso-week.js';
import { openStore } from '../../src/store/database.js';
import { startSmtpSink, type SmtpSink } from '../mail/smtp-sink.js';

/** `worker` on SQLite: stopping it cancels the report pass in progress and waits for it before closing the store. */

describe('invite-challenger worker on SQLite', () => {
  let folder: string;
  let sink: SmtpSink;
  let calendarServer: Server;
  let calendarRequest: Promise<IncomingMessage>;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'invite-challenger-worker-'));
    sink = await startSmtpSink();
    // A calendar feed that never answers: the report pass is still in progress when the worker is stopped.
    calendarRequest = new Promise((resolve) => {
      calendarServer = createServer((request) => resolve(request));
    });
    await new Promise<void>((resolve) => calendarServer.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    calendarServer.closeAllConnections();
    await new Promise((resolve) => calendarServer.close(resolve));
    await sink.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('on SIGTERM aborts the running pass, records it failed (retryable), and only then closes the store', async () => {
    const sqlitePath = join(folder, 'store.sqlite');
    const seed = await openStore({ sqlitePath });
    const feed = `http://127.0.0.1:${(calendarServer.address() as AddressInfo).port}/slow.ics`;
    const key = await seed.users.upsertByEmail({ email: 'slow@example.com', timeZone: 'UTC', calendar: { ics: feed } });
    await seed.close();

    const config = loadServerConfig({
      SQLITE_PATH: sqlitePath,
      SMTP_URL: sink.url,
      MAIL_FROM: 'Invite Challenger <challenger@example.com>',
      REPORT_SIGNING_SECRET: 'worker-test-secret-0123456789abcdef',
      PUBLIC_URL: 'http://127.0.0.1:1',
      REPORT_SCHEDULE: '* * * * *', // fired within the catch-up day: the first look runs a pass at once
      LOG_LEVEL: 'silent',
    });
    const stdout: string[] = [];
    const io: CliIo = { stdout: (text) => stdout.push(text), stderr: () => undefined, stdin: () => [Buffer.from('')], env: {}, progress: () => undefined };
    const status = await workerCommand(config, io, async () => {
      await calendarRequest;
      return 'SIGTERM';
    });

    expect(status).toBe(0);
    // By the time the command returns, the pass was cancelled and its outcome recorded (not left `claimed`).
    const check = await openStore({ sqlitePath });
    try {
      const week = formatIsoWeek(previousIsoWeek(new Date(), 'UTC'));
      const runs = await check.reportRuns.listReportRuns(week);
      expect(runs.filter((run) => run.userId === key.userId)).toEqual([expect.objectContaining({ status: 'failed', error: expect.stringContaining('cancelled') })]);
    } finally {
      await check.close();
    }
    expect(sink.received).toHaveLength(0);
    expect(stdout.some((line) => line.startsWith('SIGTERM: stopping'))).toBe(true);
  });

  it('refuses a bad REPORT_SCHEDULE with an error naming the setting, before it starts', async () => {
    const config = loadServerConfig({
      SQLITE_PATH: join(folder, 'bad-schedule.sqlite'),
      SMTP_URL: sink.url,
      MAIL_FROM: 'Invite Challenger <challenger@example.com>',
      REPORT_SIGNING_SECRET: 'worker-test-secret-0123456789abcdef',
      PUBLIC_URL: 'http://127.0.0.1:1',
      REPORT_SCHEDULE: 'every monday',
      LOG_LEVEL: 'silent',
    });
    const stdout: string[] = [];
    const io: CliIo = { stdout: (text) => stdout.push(text), stderr: () => undefined, stdin: () => [Buffer.from('')], env: {}, progress: () => undefined };
    let waited = false;
    const started = workerCommand(config, io, async () => {
      waited = true;
      return 'SIGTERM';
    });
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(/^invalid configuration: REPORT_SCHEDULE "every monday": /);
    expect(waited).toBe(false);
    expect(stdout).toEqual([]);
  });
});
