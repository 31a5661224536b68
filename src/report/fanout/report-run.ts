import type { UserKey } from '../../store/user-key.js';

/** What a multi-user run reports as it goes and at the end, whichever way it fans out. */

export interface RunProgress {
  total: number;
  /** Sent, or skipped because already sent or opted out. */
  done: number;
  failed: number;
  remaining: number;
}

export interface FailedUser extends UserKey {
  email: string | null;
  error: string;
}

export interface RunResult extends RunProgress {
  sent: number;
  skipped: number;
  /** Users whose report could not be sent after every retry (pg-boss: dead-lettered). */
  failedUsers: FailedUser[];
}

export function progressLine(isoWeek: string, progress: RunProgress): string {
  const width = 24;
  const finished = progress.total === 0 ? 1 : (progress.done + progress.failed) / progress.total;
  const filled = Math.round(finished * width);
  return `${isoWeek} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${progress.done} done · ${progress.failed} failed · ${progress.remaining} remaining`;
}
