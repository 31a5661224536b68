import { IntegrationError } from '../integration/integration-error.js';

/**
 * The database cannot be opened or reached. The message is one line that names the setting to
 * check and where it points, never a password:
 * `DATABASE_URL: cannot connect to postgres://app@db.internal/challenger (ECONNREFUSED)`.
 */
export class StoreUnavailableError extends IntegrationError {
  override readonly name = 'StoreUnavailableError';
}

/** The database answered but the schema could not be brought up to date. */
export class StoreMigrationError extends IntegrationError {
  override readonly name = 'StoreMigrationError';
}

/** `postgres://app:secret@host/db?sslpassword=x` -> `postgres://app@host/db`: safe to print. */
export function redactDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    url.password = '';
    // Query parameters can carry secrets too (password, sslpassword, sslkey): drop them all.
    url.search = '';
    url.hash = '';
    return url.toString();
  } catch {
    return `${databaseUrl.split(':')[0]}://(unparsable URL)`;
  }
}

/** The password in a database URL, so that it can be scrubbed from any message that echoes it. */
export function passwordOf(databaseUrl: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(databaseUrl).password);
    return password === '' ? undefined : password;
  } catch {
    return undefined;
  }
}

// Socket errors whose code says everything: their message only repeats the address.
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Why a database call failed, as a short single line: `ECONNREFUSED`, `3D000: database "x" does not exist`. */
export function failureReason(error: unknown, secret?: string): string {
  const failure = (error ?? {}) as { code?: unknown; message?: unknown; errors?: unknown };
  const code = typeof failure.code === 'string' ? failure.code : undefined;
  let reason: string;
  if (code && networkCodes.has(code)) {
    reason = code;
  } else {
    const message = typeof failure.message === 'string' ? failure.message : '';
    // Node reports a failure on every address of a host as an AggregateError with an empty message.
    if (!message && Array.isArray(failure.errors) && failure.errors.length > 0) return failureReason(failure.errors[0], secret);
    reason = code && !message.includes(code) ? `${code}: ${message}` : message || String(error);
  }
  reason = reason.replace(/\s+/g, ' ').trim();
  return secret ? reason.split(secret).join('***') : reason;
}
