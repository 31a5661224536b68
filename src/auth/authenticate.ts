/**
 * Request authentication shared by every provider, with no web framework in sight: the server
 * reads the header, hands the token to a verifier, and turns an `AuthError` into a 401.
 */

/** Who is calling, once a token (or the dev shortcut) has been accepted. */
export interface AuthenticatedUser {
  tenantId: string;
  userId: string;
  email?: string;
  name?: string;
  provider: 'entra' | 'google' | 'dev';
}

/** Why a request was refused. Short, fixed phrases: safe to send back and to log. */
export type AuthFailureReason =
  | 'missing token'
  | 'malformed token'
  | 'expired token'
  | 'token not yet valid'
  | 'wrong audience'
  | 'wrong issuer'
  | 'wrong tenant'
  | 'unknown signing key'
  | 'bad signature'
  | 'unsupported algorithm'
  | 'missing scope'
  | 'missing user'
  | 'wrong caller'
  | 'unverified email'
  | 'invalid token';

/**
 * The caller's credentials were refused (always 401). Not the `AuthError` of
 * src/integration, which is about *our* credentials being refused by a vendor.
 *
 * The message is built from the reason alone and no `cause` is kept: library errors quote the
 * token or its claims (google-auth-library puts the whole JWT in its messages), and an error's
 * cause ends up in logs.
 */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly statusCode = 401;
  readonly code = 'unauthorized';
  constructor(readonly reason: AuthFailureReason) {
    super(`authentication failed: ${reason}`);
  }
}

/** A token verifier for one identity provider (Entra ID, Google). */
export type TokenVerifier = (bearerToken: string, requestPath: string) => Promise<AuthenticatedUser>;

// RFC 6750 b64token: a JWT's three base64url parts fit it; spaces, commas and quotes do not.
const bearerPattern = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The token of an `Authorization: Bearer <token>` header, or an AuthError saying what is wrong. */
export function readBearer(authorizationHeader?: string): string {
  if (authorizationHeader === undefined || authorizationHeader.trim() === '') throw new AuthError('missing token');
  const match = bearerPattern.exec(authorizationHeader.trim());
  if (!match?.[1]) throw new AuthError('malformed token');
  return match[1];
}

/** Lowercase header names, as Node and Fastify give them. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

// The dev user id becomes a storage key: keep it short and plain.
const devUserPattern = /^[A-Za-z0-9._@-]{1,64}$/;

/**
 * INSECURE_DEV_AUTH: everyone is who they say they are (`x-dev-user`, else `dev-user`). Checks
 * nothing by design; the server decides when it may be used (only on a loopback address).
 */
export class DevAuthenticator {
  static readonly defaultUserId = 'dev-user';

  authenticate(headers: RequestHeaders = {}): AuthenticatedUser {
    const header = headers['x-dev-user'];
    const claimed = (Array.isArray(header) ? header[0] : header)?.trim();
    if (claimed === undefined || claimed === '') return { tenantId: 'dev', userId: DevAuthenticator.defaultUserId, provider: 'dev' };
    if (!devUserPattern.test(claimed)) throw new AuthError('malformed token');
    return { tenantId: 'dev', userId: claimed, provider: 'dev' };
  }
}
