import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { StoredUser } from '../../store/store.js';
import type { UserKey } from '../../store/user-key.js';
import { isRetryableDelivery, ReportInProgressError, type DeliveryOutcome } from '../deliver-report.js';
import type { FailedUser, RunResult } from './report-run.js';

/**
 * The PostgreSQL fan-out: one pg-boss job per user and week, shared by any number of worker
 * processes on any number of machines. The job id is derived from (week, user), so enqueueing a
 * week twice (a second `report --all`, two schedulers) makes no second job; the claim in
 * deliverReport is what finally guarantees one e-mail. A job whose worker died expires after
 * REPORT_JOB_TIMEOUT_SECONDS and is retried with back-off; after the last retry it goes to the
 * dead-letter queue and the user's run row says so.
 */

export const reportQueue = 'weekly-report';
export const deadLetterQueue = 'weekly-report-dead';

export interface ReportJobData extends UserKey {
  isoWeek: string;
}

export interface ReportQueueOptions {
  databaseUrl: string;
  /** Longest a job may run before pg-boss takes it for dead and retries it. */
  jobTimeoutSeconds: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
}

export async function openReportQueue(options: ReportQueueOptions, onError: (error: Error) => void): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    // Expiry is noticed by maintenance: run it often enough that a dead worker's jobs come back promptly.
    maintenanceIntervalSeconds: Math.min(120, Math.max(1, Math.floor(options.jobTimeoutSeconds / 4))),
    max: 4,
  });
  boss.on('error', onError);
  await boss.start();
  const queue = {
    retryLimit: options.retryLimit ?? 3,
    retryDelay: options.retryDelaySeconds ?? 5,
    retryBackoff: true,
    expireInSeconds: options.jobTimeoutSeconds,
    deadLetter: deadLetterQueue,
  };
  try {
    await ensureQueue(boss, deadLetterQueue, {});
    await ensureQueue(boss, reportQueue, queue);
  } catch (error) {
    // Started but unusable: stop it, or its pool and maintenance timers keep the process alive.
    await boss.stop({ graceful: false }).catch(() => undefined);
    throw error;
  }
  return boss;
}

/**
 * Idempotent: with several workers starting at once on a fresh database, pg-boss's queue creation
 * (a table partition per queue) can deadlock; the loser tries again after a short random pause
 * and finds the queue there.
 */
async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(name)) return;
    try {
      await boss.createQueue(name, { name, ...options });
      return;
    } catch (error) {
      if (attempt >= 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 250 * attempt));
    }
  }
}

/** One job per user for the week (none for a user who already has one); failed ones get another go. */
export async function enqueueWeek(boss: PgBoss, users: UserKey[], isoWeek: string): Promise<void> {
  for (let start = 0; start < users.length; start += 500) {
    const jobs = users.slice(start, start + 500).map((user) => ({
      id: reportJobId(isoWeek, user),
      name: reportQueue,
      data: { isoWeek, tenantId: user.tenantId, userId: user.userId } satisfies ReportJobData,
      singletonKey: `${isoWeek}/${user.tenantId}/${user.userId}`,
    }));
    await boss.insert(jobs);
  }
  const failed = (await weekJobs(boss, isoWeek)).filter((job) => job.state === 'failed').map((job) => job.id);
  if (failed.length > 0) await boss.retry(reportQueue, failed);
}

export interface ReportWorkerOptions {
  loadUser: (key: UserKey) => Promise<StoredUser | undefined>;
  deliver: (user: StoredUser, isoWeek: string) => Promise<DeliveryOutcome>;
  /** Called when a user is given up on: the last retry failed (dead-lettered) or the failure is permanent. */
  recordFailure: (key: UserKey, isoWeek: string, error: string) => Promise<void>;
  concurrency: number;
  pollingIntervalSeconds?: number;
}

export interface JobOutput {
  status: DeliveryOutcome['status'] | 'failed' | 'unknown-user';
  reason?: string;
  error?: string;
}

/**
 * Works on the report queue in this process, `concurrency` jobs at a time, until stopped; returns
 * how to stop (jobs in flight finish first). Our own fetch loop rather than `boss.work`: that one
 * waits a whole polling interval after every batch, even when more jobs are waiting, which caps a
 * worker at one batch a second. Here a free slot fetches at once, and only an empty queue waits.
 */
export async function workReports(boss: PgBoss, options: ReportWorkerOptions): Promise<() => Promise<void>> {
  const handle = async (job: PgBoss.JobWithMetadata<ReportJobData>): Promise<JobOutput> => {
    const { isoWeek, tenantId, userId } = job.data;
    const key = { tenantId, userId };
    const user = await options.loadUser(key);
    if (!user) return { status: 'unknown-user' };
    try {
      const outcome = await options.deliver(user, isoWeek);
      return outcome.status === 'sent' ? { status: 'sent' } : { status: 'skipped', reason: outcome.reason };
    } catch (error) {
      const message = (error as Error).message.split('\n')[0]!;
      // A permanent failure: completing the job (as failed) spares the retries that cannot help.
      if (!isRetryableDelivery(error)) return { status: 'failed', error: message };
      if (job.retryCount >= job.retryLimit && !(error instanceof ReportInProgressError)) {
        await options.recordFailure(key, isoWeek, `dead-lettered after ${job.retryCount + 1} attempts: ${message}`).catch(() => undefined);
      }
      throw error;
    }
  };

  const pollMs = (options.pollingIntervalSeconds ?? 1) * 1000;
  let stopping = false;
  let wake: (() => void) | undefined;
  const inFlight = new Set<Promise<void>>();

  const run = async (job: PgBoss.JobWithMetadata<ReportJobData>) => {
    try {
      const output = await handle(job);
      await boss.complete(reportQueue, job.id, output as object);
    } catch (error) {
      const message = (error as Error).message.split('\n')[0]!;
      await boss.fail(reportQueue, job.id, { message, name: (error as Error).name }).catch(() => undefined);
    }
  };

  const loop = (async () => {
    while (!stopping) {
      const free = options.concurrency - inFlight.size;
      let jobs: PgBoss.JobWithMetadata<ReportJobData>[] = [];
      if (free > 0) {
        try {
          jobs = await boss.fetch<ReportJobData>(reportQueue, { batchSize: free, includeMetadata: true });
        } catch {
          jobs = []; // the database blinked: try again after the interval
        }
      }
      for (const job of jobs) {
        const running: Promise<void> = run(job).finally(() => {
          inFlight.delete(running);
          wake?.();
        });
        inFlight.add(running);
      }
      if (jobs.length > 0 && inFlight.size < options.concurrency) continue;
      // Full: wait for a slot. Empty queue: wait the polling interval (or a slot, whichever first).
      await new Promise<void>((resolve) => {
        const timer = inFlight.size >= options.concurrency ? undefined : setTimeout(resolve, pollMs);
        wake = () => {
          if (timer) clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  })();

  return async () => {
    stopping = true;
    wake?.();
    await loop;
    await Promise.all(inFlight);
  };
}

interface WeekJob {
  id: string;
  state: string;
  data: ReportJobData;
  output: (JobOutput & { message?: string }) | null;
}

/** The week's jobs (pg-boss's job table; archived ones are long finished). */
async function weekJobs(boss: PgBoss, isoWeek: string): Promise<WeekJob[]> {
  const { rows } = await boss.getDb().executeSql(`SELECT id, state, data, output FROM pgboss.job WHERE name = $1 AND data->>'isoWeek' = $2`, [reportQueue, isoWeek]);
  return rows as WeekJob[];
}

/** Where the week's run stands: finished jobs, failed ones (dead-lettered, permanent or cancelled), the rest. */
export async function weekProgress(boss: PgBoss, isoWeek: string, users: Map<string, StoredUser>): Promise<RunResult> {
  const jobs = await weekJobs(boss, isoWeek);
  let sent = 0;
  let skipped = 0;
  const failedUsers: FailedUser[] = [];
  for (const job of jobs) {
    const failedOutput = job.state === 'completed' && job.output?.status === 'failed';
    // A cancelled job (boss.cancel, an operator) will not run again: count it, or the progress loop never ends.
    if (job.state === 'failed' || job.state === 'cancelled' || failedOutput) {
      const user = users.get(`${job.data.tenantId}/${job.data.userId}`);
      failedUsers.push({ tenantId: job.data.tenantId, userId: job.data.userId, email: user?.email ?? null, error: job.output?.error ?? job.output?.message ?? (job.state === 'cancelled' ? 'cancelled' : 'failed') });
    } else if (job.state === 'completed') {
      if (job.output?.status === 'sent') sent++;
      else skipped++;
    }
  }
  const total = Math.max(users.size, jobs.length);
  return { total, done: sent + skipped, failed: failedUsers.length, remaining: total - sent - skipped - failedUsers.length, sent, skipped, failedUsers };
}

/** A UUID made from (week, user): the same job id every time this user's week is enqueued. */
export function reportJobId(isoWeek: string, user: UserKey): string {
  const hex = createHash('sha256').update(`weekly-report\n${isoWeek}\n${user.tenantId}\n${user.userId}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
