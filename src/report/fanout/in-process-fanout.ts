import type { StoredUser } from '../../store/store.js';
import { isRetryableDelivery, type DeliveryOutcome } from '../deliver-report.js';
import type { FailedUser, RunProgress, RunResult } from './report-run.js';

/**
 * The SQLite fan-out: every opted-in user's report in this process, `concurrency` at a time,
 * a failure retried with exponential back-off. Exactly-once comes from the claim in
 * deliverReport, so running it again after a crash sends only to the users not yet done.
 */

export interface InProcessFanoutOptions {
  users: StoredUser[];
  deliver: (user: StoredUser, signal?: AbortSignal) => Promise<DeliveryOutcome>;
  concurrency: number;
  /** Tries per user, the first included. */
  attempts?: number;
  /** Back-off before the second try; doubled each time. */
  retryDelayMs?: number;
  onProgress?: (progress: RunProgress) => void;
  signal?: AbortSignal;
}

export async function runInProcess(options: InProcessFanoutOptions): Promise<RunResult> {
  const attempts = options.attempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 2000;
  const total = options.users.length;
  let sent = 0;
  let skipped = 0;
  const failedUsers: FailedUser[] = [];
  const progress = (): RunProgress => ({ total, done: sent + skipped, failed: failedUsers.length, remaining: total - sent - skipped - failedUsers.length });
  options.onProgress?.(progress());

  let next = 0;
  const worker = async () => {
    while (next < options.users.length) {
      options.signal?.throwIfAborted();
      const user = options.users[next++]!;
      for (let attempt = 1; ; attempt++) {
        try {
          const outcome = await options.deliver(user, options.signal);
          if (outcome.status === 'sent') sent++;
          else skipped++;
          break;
        } catch (error) {
          if (attempt >= attempts || !isRetryableDelivery(error) || options.signal?.aborted) {
            failedUsers.push({ tenantId: user.tenantId, userId: user.userId, email: user.email, error: (error as Error).message.split('\n')[0]! });
            break;
          }
          await delay(retryDelayMs * 2 ** (attempt - 1), options.signal);
        }
      }
      options.onProgress?.(progress());
    }
  };
  // allSettled, then the first error: on abort this settles only once every delivery in flight has.
  const settled = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(options.concurrency, total)) }, worker));
  const stopped = settled.find((outcome) => outcome.status === 'rejected');
  if (stopped) throw stopped.reason;
  return { ...progress(), sent, skipped, failedUsers };
}

function delay(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
