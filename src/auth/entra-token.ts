import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AuthError, type AuthenticatedUser } from './authenticate.js';
import { joseErrorToAuthError } from './jose-error-to-auth-error.js';

export type { AuthenticatedUser } from './authenticate.js';

export interface EntraVerifierOptions {
  /** The directory (tenant) ID, a GUID; or 'common' / 'organizations' for a multi-tenant app. */
  tenantId: string;
  /** The API's application (client) ID. */
  clientId: string;
  /** JWKS address; `{tenant}` is replaced by tenantId. Tests point it at a local issuer. */
  jwksUrl?: string;
  /** Delegated scope the task pane asks for. */
  requiredScope?: string;
  clockToleranceSeconds?: number;
  /** Least time between two JWKS fetches caused by an unknown `kid` (default 30 s). */
  jwksCooldownMs?: number;
}

export const defaultEntraJwksUrl = 'https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys';

// 'common' and 'organizations' accept users of any work tenant. 'consumers' is left out: its
// tokens carry one fixed tid, so configure that GUID instead.
const multiTenantIds = new Set(['common', 'organizations']);
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Verifies the Entra ID v2 access tokens the Outlook task pane sends (DESIGN.md, Configuration).
 * Rejections are AuthErrors (401); a JWKS that cannot be fetched is an IntegrationError.
 */
export function createEntraVerifier(options: EntraVerifierOptions): (bearerToken: string) => Promise<AuthenticatedUser> {
  const tenantId = options.tenantId.trim().toLowerCase();
  const clientId = options.clientId.trim().toLowerCase();
  const multiTenant = multiTenantIds.has(tenantId);
  // A domain name here (contoso.onmicrosoft.com) would never equal a token's tid: fail at start.
  if (!multiTenant && !guidPattern.test(tenantId)) {
    throw new Error(`ENTRA_TENANT_ID must be the directory (tenant) ID GUID, 'common' or 'organizations' (got "${options.tenantId}")`);
  }
  if (clientId === '') throw new Error('ENTRA_CLIENT_ID is required to verify Entra ID tokens');
  const requiredScope = options.requiredScope ?? 'access_as_user';
  const clockTolerance = options.clockToleranceSeconds ?? 60;
  const jwksUrl = new URL((options.jwksUrl ?? defaultEntraJwksUrl).replace('{tenant}', encodeURIComponent(tenantId)));

  // jose caches the key set and refetches it when a token names an unknown kid (Entra rotates
  // keys), but at most once per cooldown: a stream of forged kids cannot hammer Microsoft.
  const remoteKeys = createRemoteJWKSet(jwksUrl, {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: 60 * 60_000,
    timeoutDuration: 5_000,
  });
  // Entra always names its key; a token without kid is not one of its tokens.
  const keyFor: JWTVerifyGetKey = (header, token) => {
    if (typeof header.kid !== 'string' || header.kid === '') throw new AuthError('malformed token');
    return remoteKeys(header, token);
  };

  return async function verify(bearerToken: string): Promise<AuthenticatedUser> {
    let payload: JWTPayload;
    try {
      // RS256 only: no 'none', and no HS256 that would take the public key as a shared secret.
      ({ payload } = await jwtVerify(bearerToken, keyFor, {
        algorithms: ['RS256'],
        clockTolerance,
        requiredClaims: ['exp', 'iss', 'aud', 'tid', 'oid'],
      }));
    } catch (error) {
      throw joseErrorToAuthError(error, 'entra');
    }

    if (!audienceMatches(payload.aud, clientId)) throw new AuthError('wrong audience');
    const tid = stringClaim(payload, 'tid')?.toLowerCase();
    if (!tid) throw new AuthError('malformed token');
    // The issuer must name the tenant the token says it is from. With 'common' the key set is
    // shared by every tenant, so a valid signature alone does not prove which tenant issued the
    // token; binding iss to tid does, and the user key (tid + oid) then keeps tenants apart.
    if (payload.iss !== `https://login.microsoftonline.com/${tid}/v2.0`) throw new AuthError('wrong issuer');
    if (!multiTenant && tid !== tenantId) throw new AuthError('wrong tenant');
    // An ID token for our app has the same aud but no scp: this also keeps ID tokens out.
    const scopes = stringClaim(payload, 'scp')?.split(' ') ?? [];
    if (!scopes.includes(requiredScope)) throw new AuthError('missing scope');
    const oid = stringClaim(payload, 'oid');
    if (!oid) throw new AuthError('missing user');

    const email = stringClaim(payload, 'preferred_username') ?? stringClaim(payload, 'upn') ?? stringClaim(payload, 'email');
    const name = stringClaim(payload, 'name');
    return { tenantId: tid, userId: oid, provider: 'entra', ...(email ? { email } : {}), ...(name ? { name } : {}) };
  };
}

/** v2 tokens carry the client ID; v1-style app ID URIs look like api://<host>/<client id>. */
function audienceMatches(aud: JWTPayload['aud'], clientId: string): boolean {
  const audiences = Array.isArray(aud) ? aud : [aud];
  return audiences.some((value) => {
    if (typeof value !== 'string') return false;
    const audience = value.toLowerCase();
    if (audience === clientId) return true;
    const match = /^api:\/\/[^/]+\/([^/]+)$/.exec(audience);
    return match?.[1] === clientId;
  });
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
