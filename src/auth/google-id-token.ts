import { OAuth2Client, type TokenPayload } from 'google-auth-library';
import { decodeProtectedHeader } from 'jose';
import { IntegrationError } from '../integration/integration-error.js';
import { AuthError, type AuthenticatedUser } from './authenticate.js';

export interface GoogleAddonVerifierOptions {
  /** The add-on deployment's service account: the only caller we accept. */
  serviceAccountEmail: string;
  /** Google's PEM certificates ({ kid: PEM }); tests point it at a local issuer. */
  certsUrl?: string;
  /** Where Google reaches us (PUBLIC_URL); the token's audience is this plus the request path. */
  publicUrl: string;
}

export const defaultGoogleCertsUrl = 'https://www.googleapis.com/oauth2/v1/certs';

/**
 * Verifies the ID token Google Workspace sends with every add-on HTTP call (DESIGN.md,
 * Configuration). It proves the caller is our add-on deployment, not who the user is: the user's
 * identity comes from the user token inside the event later (issue 16). Until then every caller
 * is keyed by the service account's `sub`.
 */
export function createGoogleAddonVerifier(options: GoogleAddonVerifierOptions): (bearerToken: string, requestPath: string) => Promise<AuthenticatedUser> {
  const serviceAccountEmail = options.serviceAccountEmail.trim();
  if (serviceAccountEmail === '') throw new Error('GOOGLE_SERVICE_ACCOUNT_EMAIL is required to verify Google add-on calls');
  const publicUrl = normalisePublicUrl(options.publicUrl);
  const client = new OAuth2Client({
    // google-auth-library's name for the v1/certs endpoint (the PEM map it uses under Node).
    endpoints: { oauth2FederatedSignonPemCertsUrl: options.certsUrl ?? defaultGoogleCertsUrl },
    // Its default also allows the bare 'accounts.google.com'; DESIGN.md wants the URL form only.
    issuers: ['https://accounts.google.com'],
  });

  return async function verify(bearerToken: string, requestPath: string): Promise<AuthenticatedUser> {
    requireRs256(bearerToken);
    let payload: TokenPayload | undefined;
    try {
      const ticket = await client.verifyIdToken({ idToken: bearerToken, audience: publicUrl + pathOf(requestPath) });
      payload = ticket.getPayload();
    } catch (error) {
      throw googleErrorToAuthError(error);
    }
    if (!payload) throw new AuthError('malformed token');
    if (payload.email !== serviceAccountEmail) throw new AuthError('wrong caller');
    // Strictly the boolean: Google's ID tokens carry `true`, never the string.
    if (payload.email_verified !== true) throw new AuthError('unverified email');
    if (!payload.sub) throw new AuthError('missing user');
    return { tenantId: 'google', userId: payload.sub, provider: 'google' };
  };
}

/**
 * google-auth-library verifies with RSA-SHA256 whatever the header says, so 'none' and HS256
 * already fail there as a bad signature; checking the header first gives the honest reason.
 */
function requireRs256(token: string): void {
  let alg: unknown;
  let kid: unknown;
  try {
    ({ alg, kid } = decodeProtectedHeader(token));
  } catch {
    throw new AuthError('malformed token');
  }
  if (alg !== 'RS256') throw new AuthError('unsupported algorithm');
  if (typeof kid !== 'string' || kid === '') throw new AuthError('malformed token');
}

/** 'https://host/base/' and 'https://host/base' give the same audience. */
function normalisePublicUrl(publicUrl: string): string {
  const url = new URL(publicUrl);
  url.search = '';
  url.hash = '';
  return url.href.replace(/\/+$/, '');
}

/** The audience is the endpoint URL: no query string, no fragment. */
function pathOf(requestPath: string): string {
  const path = requestPath.split(/[?#]/, 1)[0] ?? '';
  return path.startsWith('/') ? path : `/${path}`;
}

/**
 * google-auth-library throws plain Errors whose messages quote the whole token or its payload:
 * only the start of the message is read, and the error itself is dropped.
 */
function googleErrorToAuthError(error: unknown): AuthError | IntegrationError {
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('Failed to retrieve verification certificates')) {
    return new IntegrationError('could not fetch the Google token signing certificates', { vendor: 'google', status: 503, isRetryable: true });
  }
  const reasons: [prefix: string, reason: AuthError['reason']][] = [
    ['No pem found for envelope', 'unknown signing key'],
    ['Invalid token signature', 'bad signature'],
    ['Token used too late', 'expired token'],
    ['Token used too early', 'token not yet valid'],
    ['Invalid issuer', 'wrong issuer'],
    ['Wrong recipient', 'wrong audience'],
    ['The verifyIdToken method requires an ID Token', 'missing token'],
  ];
  const reason = reasons.find(([prefix]) => message.startsWith(prefix))?.[1];
  // The rest: wrong segment count, unparsable parts, no iat/exp, a lifetime over a day.
  return new AuthError(reason ?? 'malformed token');
}
