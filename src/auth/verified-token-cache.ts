import type { AuthenticatedUser } from './authenticate.js';

/**
 * Remembers tokens already verified, until they expire: the task pane sends the same access token
 * with every call for an hour, and checking its RSA signature each time was the largest single
 * cost of a judge request. Only successes are kept (a refused token is checked again), bounded in
 * number, dropped at `exp`. Tokens live in this process's memory only, as they already do while a
 * request is handled.
 */
export function rememberVerifiedTokens(
  verify: (token: string) => Promise<AuthenticatedUser>,
  expiryOf: (token: string) => number | undefined,
  { maxEntries = 10_000, now = () => Date.now() }: { maxEntries?: number; now?: () => number } = {},
): (token: string) => Promise<AuthenticatedUser> {
  const verified = new Map<string, { user: AuthenticatedUser; expiresAtMs: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known && known.expiresAtMs > now()) return known.user;
    if (known) verified.delete(token);
    const user = await verify(token);
    const expiresAtSeconds = expiryOf(token);
    if (expiresAtSeconds !== undefined) {
      // Oldest first: a Map iterates in insertion order.
      if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
      verified.set(token, { user, expiresAtMs: expiresAtSeconds * 1000 });
    }
    return user;
  };
}

/** The `exp` claim of a token that has just been verified (read without checking anything). */
export function unverifiedExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}
