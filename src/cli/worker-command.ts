import { ConfigError, type ServerConfig } from '../config.js';
import type { DueReport } from '../report/schedule/report-scheduler.js';
import type { CliIo } from './io.js';
import { wireReports } from './report-delivery.js';

/**
 * `invite-challenger worker`: delivers weekly reports until SIGINT/SIGTERM. With PostgreSQL it
 * works on the pg-boss report jobs (any number of workers on any number of machines share them);
 * on SQLite it runs the reports in this process. Either way it also runs the schedule (Monday
 * 08:00 in each user's zone) unless REPORT_SCHEDULE=off: on PostgreSQL due users become jobs,
 * and two workers scheduling the same users make one job each, since job ids come from (week, user).
 */
export async function workerCommand(config: ServerConfig, io: CliIo, untilStopped: () => Promise<string>): Promise<number> {
  const wiring = await wireReports(config, io, { mail: true });
  const stops: Array<() => Promise<void>> = [];
  try {
    let runDue: (due: DueReport[]) => Promise<void>;
    if (config.database.url) {
      const { enqueueWeek, openReportQueue, workReports } = await import('../report/fanout/pg-boss-fanout.js');
      const boss = await openReportQueue({ databaseUrl: config.database.url, jobTimeoutSeconds: config.reportJobTimeoutSeconds }, (error) => io.stderr(`invite-challenger: pg-boss: ${error.message}`));
      stops.push(() => boss.stop({ graceful: true, timeout: 30_000 }));
      const stopWorking = await workReports(boss, {
        loadUser: (key) => wiring.store.users.getUser(key),
        deliver: (user, isoWeek) => wiring.deliver(user, isoWeek),
        recordFailure: (key, isoWeek, error) => wiring.store.reportRuns.markReportFailed(key, isoWeek, error),
        concurrency: config.reportConcurrency,
      });
      stops.unshift(stopWorking);
      runDue = async (due) => {
        for (const [isoWeek, users] of byWeek(due)) await enqueueWeek(boss, users, isoWeek);
      };
    } else {
      const { runInProcess } = await import('../report/fanout/in-process-fanout.js');
      // On shutdown the pass in progress is aborted and awaited, so no delivery outlives the store.
      const shutdown = new AbortController();
      const passes = new Set<Promise<void>>();
      const runPass = async (due: DueReport[]) => {
        for (const [isoWeek, users] of byWeek(due)) {
          shutdown.signal.throwIfAborted();
          const result = await runInProcess({ users, deliver: (user, signal) => wiring.deliver(user, isoWeek, signal), concurrency: config.reportConcurrency, signal: shutdown.signal });
          io.stdout(`${isoWeek}: ${result.sent} sent, ${result.skipped} skipped, ${result.failed} failed`);
          for (const failed of result.failedUsers) io.stderr(`${failed.email ?? `${failed.tenantId}/${failed.userId}`}: ${failed.error}`);
        }
      };
      runDue = (due) => {
        const pass = runPass(due);
        passes.add(pass);
        return pass.finally(() => passes.delete(pass));
      };
      stops.push(async () => {
        shutdown.abort();
        await Promise.allSettled(passes);
      });
    }
    const schedule = config.reportSchedule.trim().toLowerCase() === 'off' ? undefined : config.reportSchedule;
    if (schedule) {
      const { ReportScheduler } = await import('../report/schedule/report-scheduler.js');
      let scheduler: InstanceType<typeof ReportScheduler>;
      try {
        scheduler = new ReportScheduler({
          pattern: schedule,
          listUsers: () => wiring.store.users.listUsers(),
          runDue,
          onError: (error) => io.stderr(`invite-challenger: report schedule: ${(error as Error).message}`),
        });
      } catch (error) {
        // croner's message alone does not say which setting to fix; exit 2 like any other bad setting.
        throw new ConfigError([`REPORT_SCHEDULE "${schedule}": ${(error as Error).message}`]);
      }
      scheduler.start();
      stops.unshift(async () => scheduler.stop());
      void scheduler.tick().catch((error: unknown) => io.stderr(`invite-challenger: report schedule: ${(error as Error).message}`));
    }
    io.stdout(
      `worker started (${config.database.url ? 'pg-boss jobs on PostgreSQL' : 'in-process on SQLite'}, ${config.reportConcurrency} at a time, ${schedule ? `schedule "${schedule}" in each user's time zone` : 'no schedule'})`,
    );
    const signal = await untilStopped();
    io.stdout(`${signal}: stopping (${config.database.url ? 'reports in flight finish first' : 'the report pass in progress is cancelled'})`);
    return 0;
  } finally {
    for (const stop of stops) await stop().catch(() => undefined);
    await wiring.close();
  }
}

function byWeek(due: DueReport[]): Map<string, DueReport['user'][]> {
  const weeks = new Map<string, DueReport['user'][]>();
  for (const { user, isoWeek } of due) weeks.set(isoWeek, [...(weeks.get(isoWeek) ?? []), user]);
  return weeks;
}
