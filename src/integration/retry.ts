import { IntegrationError } from './integration-error.js';

/**
 * The one retry policy for outside services: retry a retryable failure (429, 5xx, a dropped
 * connection) a limited number of times, waiting as long as the service's Retry-After asks, or
 * a short back-off when it does not say. A wait longer than the caller can afford is not
 * waited: the error goes back at once so the caller can fall back.
 */

export interface RetryPolicy {
  retries: number;
  /** Used when the service gives no Retry-After. */
  defaultDelayMs: number;
  /** Longest wait worth doing; beyond it, give up now. */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { retries: 1, defaultDelayMs: 500, maxDelayMs: 5000 };

export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy = defaultRetryPolicy,
  sleep: (milliseconds: number) => Promise<void> = (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (!(error instanceof IntegrationError) || !error.isRetryable || attemptNumber > policy.retries) throw error;
      const delay = error.retryAfterMs ?? policy.defaultDelayMs;
      if (delay > policy.maxDelayMs) throw error;
      await sleep(delay);
    }
  }
}
