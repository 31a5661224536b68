import { writeFile } from 'node:fs/promises';
import { CalendarError } from '../calendars/calendar-source.js';
import type { ServerConfig } from '../config.js';
import { progressLine, type RunProgress, type RunResult } from '../report/fanout/report-run.js';
import { formatIsoWeek, InvalidWeekError, parseIsoWeek } from '../report/iso-week.js';
import { recipientOf } from '../report/report-recipient.js';
import type { StoredUser } from '../store/store.js';
import { isTimeZone } from '../store/user-settings.js';
import { exitCodes, UsageError, type CliIo } from './io.js';
import { InputError } from './read-invites.js';
import { wireReports, type ReportWiring } from './report-delivery.js';

/**
 * `report --ics <file|url> --user <email> --week <YYYY-Www> [--out report.html] [--send]`: one
 * calendar's weekly report, rendered here (no server, no keys); `--send` mails it once for that
 * week, like the scheduled run. `report --all --week <YYYY-Www> [--send]`: every opted-in user's
 * report, in this process on SQLite or as pg-boss jobs on PostgreSQL, with a progress line;
 * without `--send` it only composes them and prints each one's headline (a dry run).
 */

export interface ReportOptions {
  ics?: string;
  user?: string;
  week?: string;
  out?: string;
  timeZone?: string;
  send: boolean;
  all: boolean;
}

export async function reportCommand(options: ReportOptions, config: ServerConfig, io: CliIo): Promise<number> {
  const isoWeek = checkedWeek(options.week);
  if (options.all) {
    if (options.ics || options.user || options.out) throw new UsageError('report --all takes --week and --send only (each user\'s calendar comes from `users import`)');
    return reportAll(isoWeek, options.send, config, io);
  }
  if (!options.ics) throw new UsageError('report needs --ics <file|url> (or --all)');
  if (!options.user) throw new UsageError('report needs --user <email>, the calendar owner (their declined meetings are skipped)');
  if (!/^[^@\s]+@[^@\s]+$/.test(options.user)) throw new UsageError(`--user "${options.user}": expected an e-mail address such as kenji@example.com`);
  if (!options.out && !options.send) throw new UsageError('report needs --out <file.html>, --send, or both');
  if (options.timeZone !== undefined && !isTimeZone(options.timeZone)) throw new UsageError(`--time-zone "${options.timeZone}": expected an IANA time zone such as Europe/Paris`);
  return reportOne({ ...options, ics: options.ics, user: options.user, isoWeek }, config, io);
}

async function reportOne(options: ReportOptions & { ics: string; user: string; isoWeek: string }, config: ServerConfig, io: CliIo): Promise<number> {
  const wiring = await wireReports(config, io, { mail: options.send });
  try {
    const email = options.user.trim().toLowerCase();
    // An imported user keeps their key and settings; otherwise the key `users import` would give them.
    const known = (await wiring.store.users.listUsers()).find((user) => user.email === email) ?? (await wiring.store.users.getUser({ tenantId: 'local', userId: email }));
    const user: StoredUser = {
      tenantId: known?.tenantId ?? 'local',
      userId: known?.userId ?? email,
      email,
      name: known?.name ?? null,
      timeZone: options.timeZone ?? known?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      reportOptIn: known?.reportOptIn ?? true,
      calendar: { ics: options.ics },
    };
    if (options.out) {
      const rendered = await withCalendarAsInput(() =>
        wiring.compose({ recipient: recipientOf(user), isoWeek: options.isoWeek, links: { settingsUrl: wiring.settingsUrl, unsubscribeUrl: wiring.links.urlFor(user) } }),
      );
      await writeFile(options.out, rendered.html);
      io.stdout(`${options.out}: ${rendered.subject}`);
    }
    if (options.send) {
      // The same path as the scheduled run: claimed first, so a second --send for the week sends nothing.
      const outcome = await withCalendarAsInput(() => wiring.deliver(user, options.isoWeek));
      if (outcome.status === 'sent') io.stdout(`sent to ${email} (${outcome.messageId})`);
      else io.stdout(`not sent: ${outcome.reason === 'opted-out' ? `${email} has unsubscribed from the report` : `the ${options.isoWeek} report for ${email} was already sent`}`);
    }
    return exitCodes.ok;
  } finally {
    await wiring.close();
  }
}

async function reportAll(isoWeek: string, send: boolean, config: ServerConfig, io: CliIo): Promise<number> {
  const wiring = await wireReports(config, io, { mail: send });
  try {
    const users = (await wiring.store.users.listUsers()).filter((user) => user.reportOptIn && user.email);
    if (users.length === 0) {
      io.stderr('invite-challenger: no opted-in users (add some with `invite-challenger users import <file.jsonl>`)');
      return exitCodes.badInput;
    }
    const show = progressWriter(io, isoWeek);
    let result: RunResult;
    if (!send) result = await dryRun(wiring, users, isoWeek, io, show);
    else if (config.database.url) result = await runOnPgBoss(wiring, users, isoWeek, config, io, show);
    else {
      const { runInProcess } = await import('../report/fanout/in-process-fanout.js');
      result = await runInProcess({ users, deliver: (user, signal) => wiring.deliver(user, isoWeek, signal), concurrency: config.reportConcurrency, onProgress: show.update });
    }
    show.finish(result);
    for (const failed of result.failedUsers) io.stderr(`${failed.email ?? `${failed.tenantId}/${failed.userId}`}: ${failed.error}`);
    io.stdout(`${isoWeek}: ${result.sent} ${send ? 'sent' : 'composed'}, ${result.skipped} skipped (already sent or unsubscribed), ${result.failed} failed`);
    return result.failed > 0 ? exitCodes.failure : exitCodes.ok;
  } finally {
    await wiring.close();
  }
}

/** Without --send: compose every report, print its subject, send nothing and claim nothing. */
async function dryRun(wiring: ReportWiring, users: StoredUser[], isoWeek: string, io: CliIo, show: ProgressWriter): Promise<RunResult> {
  const result: RunResult = { total: users.length, done: 0, failed: 0, remaining: users.length, sent: 0, skipped: 0, failedUsers: [] };
  for (const user of users) {
    try {
      const rendered = await wiring.compose({ recipient: recipientOf(user), isoWeek, links: { settingsUrl: wiring.settingsUrl, unsubscribeUrl: wiring.links.urlFor(user) } });
      show.clear();
      io.stdout(`${user.email}: ${rendered.subject}`);
      result.sent++;
      result.done++;
    } catch (error) {
      result.failedUsers.push({ tenantId: user.tenantId, userId: user.userId, email: user.email, error: (error as Error).message.split('\n')[0]! });
      result.failed++;
    }
    result.remaining--;
    show.update(result);
  }
  return result;
}

async function runOnPgBoss(wiring: ReportWiring, users: StoredUser[], isoWeek: string, config: ServerConfig, io: CliIo, show: ProgressWriter): Promise<RunResult> {
  const { enqueueWeek, openReportQueue, weekProgress, workReports } = await import('../report/fanout/pg-boss-fanout.js');
  const boss = await openReportQueue({ databaseUrl: config.database.url!, jobTimeoutSeconds: config.reportJobTimeoutSeconds }, (error) => io.stderr(`invite-challenger: pg-boss: ${error.message}`));
  try {
    await enqueueWeek(boss, users, isoWeek);
    // This process works on the jobs too, alongside any `invite-challenger worker`s.
    const stopWorking = await workReports(boss, {
      loadUser: (key) => wiring.store.users.getUser(key),
      deliver: (user, week) => wiring.deliver(user, week),
      recordFailure: (key, week, error) => wiring.store.reportRuns.markReportFailed(key, week, error),
      concurrency: config.reportConcurrency,
    });
    const byKey = new Map(users.map((user) => [`${user.tenantId}/${user.userId}`, user]));
    let result = await weekProgress(boss, isoWeek, byKey);
    while (result.remaining > 0) {
      show.update(result);
      await new Promise((resolve) => setTimeout(resolve, 500));
      result = await weekProgress(boss, isoWeek, byKey);
    }
    await stopWorking();
    return result;
  } finally {
    await boss.stop({ graceful: true, timeout: 10_000 });
  }
}

interface ProgressWriter {
  update(progress: RunProgress): void;
  clear(): void;
  finish(progress: RunProgress): void;
}

/** On a terminal one line redrawn in place; otherwise a line every few seconds, so logs stay short. */
function progressWriter(io: CliIo, isoWeek: string): ProgressWriter {
  let lastLine = 0;
  return {
    update: (progress) => {
      const now = Date.now();
      if (io.progress) io.progress(progressLine(isoWeek, progress));
      else if (now - lastLine >= 5000) {
        lastLine = now;
        io.stderr(progressLine(isoWeek, progress));
      }
    },
    clear: () => io.progress?.(''),
    finish: (progress) => {
      io.progress?.('');
      io.stderr(progressLine(isoWeek, progress));
    },
  };
}

function checkedWeek(week: string | undefined): string {
  if (!week) throw new UsageError('report needs --week <YYYY-Www>, such as 2026-W49');
  try {
    return formatIsoWeek(parseIsoWeek(week));
  } catch (error) {
    if (error instanceof InvalidWeekError) throw new UsageError(`--${error.message}`);
    throw error;
  }
}

/** A calendar that cannot be read (missing file, not iCalendar) is bad input: exit status 2. */
async function withCalendarAsInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CalendarError) throw new InputError(error.message);
    throw error;
  }
}
