import { Cron } from 'croner';
import type { StoredUser } from '../../store/store.js';
import { formatIsoWeek, previousIsoWeek } from '../iso-week.js';

/**
 * Monday 08:00 (REPORT_SCHEDULE) in each user's own time zone. Once a minute the scheduler asks,
 * per time zone, whether the schedule fired since its last look, and hands the users whose
 * moment came to `runDue` with the week their report covers (the one before). It starts by
 * looking back `catchUpMs` (a day), so a process that was down at 08:00 sends when it is back;
 * the claim in deliverReport keeps that from sending twice. The clock is injected for tests.
 */

export interface DueReport {
  user: StoredUser;
  isoWeek: string;
  /** When the user's schedule fired (their local Monday 08:00). */
  dueAt: Date;
}

export interface ReportSchedulerOptions {
  /** Cron in the user's local time, croner syntax (`0 8 * * 1`). */
  pattern: string;
  listUsers: () => Promise<StoredUser[]>;
  runDue: (due: DueReport[]) => Promise<void>;
  clock?: () => Date;
  catchUpMs?: number;
  onError?: (error: unknown) => void;
}

export class ReportScheduler {
  private readonly clock: () => Date;
  private lastLook: Date;
  private job: Cron | undefined;

  constructor(private readonly options: ReportSchedulerOptions) {
    this.clock = options.clock ?? (() => new Date());
    // Fails here, at start, on a bad REPORT_SCHEDULE rather than silently never firing.
    new Cron(options.pattern, { paused: true });
    this.lastLook = new Date(this.clock().getTime() - (options.catchUpMs ?? 24 * 3600_000));
  }

  /** Looks once: the reports that came due since the last look, handed to `runDue` and returned. */
  async tick(): Promise<DueReport[]> {
    const now = this.clock();
    const due = dueReports(await this.options.listUsers(), this.options.pattern, this.lastLook, now);
    if (due.length > 0) await this.options.runDue(due);
    // Only once the run went through: a failed one is handed over again at the next look.
    this.lastLook = now;
    return due;
  }

  /** Every minute in real time; a look still running makes the next one wait, never overlap. */
  start(): void {
    this.job ??= new Cron('* * * * *', { protect: true }, async () => {
      try {
        await this.tick();
      } catch (error) {
        this.options.onError?.(error);
      }
    });
  }

  stop(): void {
    this.job?.stop();
    this.job = undefined;
  }
}

/** Opted-in users whose local schedule fired in (since, now]. */
export function dueReports(users: StoredUser[], pattern: string, since: Date, now: Date): DueReport[] {
  const firedByZone = new Map<string, Date | null>();
  const due: DueReport[] = [];
  for (const user of users) {
    if (!user.reportOptIn || !user.email) continue;
    let fired = firedByZone.get(user.timeZone);
    if (fired === undefined) {
      fired = lastFiring(pattern, user.timeZone, since, now);
      firedByZone.set(user.timeZone, fired);
    }
    if (fired) due.push({ user, isoWeek: formatIsoWeek(previousIsoWeek(fired, user.timeZone)), dueAt: fired });
  }
  return due;
}

/** The latest firing of `pattern` in `timeZone` after `since` and at or before `now`, if any. */
function lastFiring(pattern: string, timeZone: string, since: Date, now: Date): Date | null {
  let cron: Cron;
  try {
    cron = new Cron(pattern, { timezone: timeZone, paused: true });
  } catch {
    return null; // an unknown zone: recipientOf reports it when the user's report is attempted
  }
  let last: Date | null = null;
  for (let next = cron.nextRun(since); next && next.getTime() <= now.getTime(); next = cron.nextRun(next)) last = next;
  return last;
}
