import { AuthError, type AuthFailureReason } from '../../src/auth/authenticate.js';

/** The error a promise rejects with; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** Asserts a 401 AuthError with this reason that quotes no part of the token anywhere. */
export async function expectAuthFailure(promise: Promise<unknown>, reason: AuthFailureReason, token: string): Promise<void> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(AuthError);
  const authError = error as AuthError;
  expect(authError.reason).toBe(reason);
  expect(authError.statusCode).toBe(401);
  expect(authError.cause).toBeUndefined();
  const exposed = [authError.message, String(authError.stack), JSON.stringify(authError)].join('\n');
  expect(exposed).not.toContain(token);
  // No part either: a header or payload segment would leak the claims.
  for (const part of token.split('.').filter((segment) => segment.length >= 8)) expect(exposed).not.toContain(part);
}
