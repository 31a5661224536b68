import { AuthError, IntegrationError, ThrottledError, parseRetryAfter } from '../integration/integration-error.js';
import { defaultRetryPolicy, type RetryPolicy } from '../integration/retry.js';

/**
 * What every Google API adapter here shares: where the APIs live (`GOOGLE_API_ROOT_URL`, so tests
 * point the real `googleapis` client at fakes on 127.0.0.1), how the user's token goes along, and
 * how a failed call becomes one of our typed errors. googleapis' own retries are off: the one
 * retry policy is `withRetry` (src/integration/retry.ts).
 */

export interface GoogleApiOptions {
  /** `GOOGLE_API_ROOT_URL`, e.g. `https://www.googleapis.com/`. */
  rootUrl: string;
  /** The user's OAuth access token (the add-on event's `userOAuthToken`, or a delegated one). */
  accessToken: string;
  /** Per-call timeout; an add-on card must answer within seconds. */
  timeoutMs?: number;
  /** How long to wait on a 429/5xx before the one retry (interactive calls wait less). */
  retry?: RetryPolicy;
}

/** For calls a user is waiting on in the side panel: one quick retry, no long waits. */
export const interactiveRetryPolicy: RetryPolicy = { retries: 1, defaultDelayMs: 200, maxDelayMs: 1000 };

export function retryPolicyOf(options: GoogleApiOptions): RetryPolicy {
  return options.retry ?? defaultRetryPolicy;
}

/** The global options every `googleapis` service takes. */
export function googleClientOptions(options: GoogleApiOptions) {
  return {
    rootUrl: options.rootUrl.endsWith('/') ? options.rootUrl : `${options.rootUrl}/`,
    headers: { authorization: `Bearer ${options.accessToken}` },
    retry: false,
    timeout: options.timeoutMs ?? 5000,
  };
}

/** A Google API error body: `{ "error": { "code", "message", "errors": [{ "reason" }], "status" } }`. */
interface GoogleErrorBody {
  error?: { code?: number; message?: string; status?: string; errors?: { reason?: string }[] };
}

/**
 * A gaxios error as one of ours. `idempotent: false` for a call that must not be repeated blindly
 * (`users.messages.send`): then only an actual 429/5xx answer (Google's documented retry cases)
 * is retryable, not a lost reply. The message names the API, the status and Google's reason
 * (`rateLimitExceeded`, `insufficientPermissions`), never the token or the request.
 */
export function googleApiError(error: unknown, api: string, { idempotent = true }: { idempotent?: boolean } = {}): IntegrationError {
  if (error instanceof IntegrationError) return error;
  const failure = error as { status?: number; code?: string | number; response?: { status?: number; headers?: unknown; data?: unknown } };
  const status = failure.response?.status ?? failure.status ?? (typeof failure.code === 'number' ? failure.code : undefined);
  const body = (failure.response?.data ?? {}) as GoogleErrorBody;
  const reason = body.error?.errors?.[0]?.reason ?? body.error?.status;
  const detail = `${api}: ${status ?? 'no answer'}${reason ? ` ${reason}` : ''}`;
  const vendor = 'google';
  // No answer (dropped connection, timeout): the request may well have been carried out. Repeat
  // it only if doing it twice does no harm (a read, a Chat post with requestId); never a Gmail send.
  if (status === undefined) return new IntegrationError(`${detail} (no answer from Google)`, { vendor, isRetryable: idempotent, cause: error });
  const retryAfterMs = parseRetryAfter(headerOf(failure.response?.headers, 'retry-after'));
  // Google answers a quota problem with 429, or with 403 and a rate-limit reason.
  if (status === 429 || (status === 403 && /rateLimitExceeded|userRateLimitExceeded/.test(reason ?? ''))) {
    return new ThrottledError(detail, { vendor, status, retryAfterMs, isRetryable: true });
  }
  if (status === 401 || status === 403) return new AuthError(detail, { vendor, status, isRetryable: false });
  return new IntegrationError(detail, { vendor, status, retryAfterMs, isRetryable: status >= 500 });
}

/** Whether Google refused for a missing OAuth scope (403 insufficientPermissions / ACCESS_TOKEN_SCOPE_INSUFFICIENT). */
export function isMissingScope(error: unknown): boolean {
  return error instanceof AuthError && error.status === 403 && /insufficientPermissions|ACCESS_TOKEN_SCOPE_INSUFFICIENT|PERMISSION_DENIED/.test(error.message);
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
