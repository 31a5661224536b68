/**
 * A failure talking to an outside service (an LLM provider, a calendar API, a mail server),
 * typed and carrying what a caller needs to decide: retry, wait, or give up and fall back.
 */
export class IntegrationError extends Error {
  override readonly name: string = 'IntegrationError';
  constructor(
    message: string,
    readonly details: {
      vendor: string;
      status?: number;
      retryAfterMs?: number;
      isRetryable: boolean;
      cause?: unknown;
    },
  ) {
    super(message, { cause: details.cause });
  }

  get vendor(): string {
    return this.details.vendor;
  }
  get status(): number | undefined {
    return this.details.status;
  }
  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
  get isRetryable(): boolean {
    return this.details.isRetryable;
  }
}

/** 429: slow down, and say for how long when the service did. */
export class ThrottledError extends IntegrationError {
  override readonly name = 'ThrottledError';
}

/** 401/403: the credentials are wrong or lack a permission; retrying will not help. */
export class AuthError extends IntegrationError {
  override readonly name = 'AuthError';
}

/** No answer within the time allowed. */
export class TimeoutError extends IntegrationError {
  override readonly name = 'TimeoutError';
}

/** The service answered, but not with something we can use (bad JSON, wrong shape). */
export class InvalidResponseError extends IntegrationError {
  override readonly name = 'InvalidResponseError';
}

/** Reads a Retry-After header: delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The failures a judge or drafter answers by falling back: the service, or its answer. A
 * programming error (a TypeError) is not one of them: it should surface, not hide.
 */
export function isFallbackError(error: unknown): boolean {
  return error instanceof IntegrationError || (error instanceof Error && error.name === 'ZodError');
}
