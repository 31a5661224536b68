import { ConfidentialClientApplication } from '@azure/msal-node';
import { AuthError, IntegrationError } from '../../integration/integration-error.js';

/**
 * App-only Graph tokens (OAuth client credentials) through MSAL, which caches them until they
 * near expiry. The authority host is configurable (ENTRA_AUTHORITY_URL) so tests and outside
 * checks can serve the token endpoint on 127.0.0.1: MSAL insists on an https authority, so we
 * name the real host form and hand MSAL the endpoints as metadata, which also saves it the
 * discovery round trips. Errors carry MSAL's error code, never the secret.
 */

export interface GraphAppCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Where the token endpoint lives: https://login.microsoftonline.com (default), a sovereign cloud, or a fake. */
  authorityUrl?: string;
  /** Default https://graph.microsoft.com/.default. */
  scope?: string;
}

/** An app-only token; `invalidate` drops a kept token that Graph refused (401), so the next call gets a new one. */
export type GraphTokenProvider = (() => Promise<string>) & { invalidate?: () => void };

export const defaultAuthorityUrl = 'https://login.microsoftonline.com';

export function createGraphAppTokenProvider(credentials: GraphAppCredentials): GraphTokenProvider {
  const origin = new URL(credentials.authorityUrl ?? defaultAuthorityUrl).origin;
  const host = new URL(origin).host;
  const tenant = encodeURIComponent(credentials.tenantId);
  const metadata = {
    token_endpoint: `${origin}/${tenant}/oauth2/v2.0/token`,
    authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${origin}/${tenant}/oauth2/v2.0/logout`,
    issuer: `https://${host}/${tenant}/v2.0`,
    jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
  };
  const application = new ConfidentialClientApplication({
    auth: {
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      authority: `https://${host}/${tenant}`,
      knownAuthorities: [host],
      authorityMetadata: JSON.stringify(metadata),
      cloudDiscoveryMetadata: JSON.stringify({
        tenant_discovery_endpoint: `https://${host}/${tenant}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      }),
    },
    system: { loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => undefined } },
  });
  const scopes = [credentials.scope ?? 'https://graph.microsoft.com/.default'];
  // MSAL's own cache lookup costs milliseconds per call; thousands of Graph requests share one
  // token, so it is kept here until five minutes before it expires, and concurrent callers
  // wait on one request.
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;
  let skipCache = false;
  const acquire = async (): Promise<string> => {
    try {
      // After a 401, MSAL's cache would hand back the very token Graph refused.
      const result = await application.acquireTokenByClientCredential({ scopes, skipCache });
      skipCache = false;
      if (!result?.accessToken) throw new IntegrationError('Entra ID returned no access token', { vendor: 'entra', isRetryable: true });
      const expiresAt = result.expiresOn?.getTime() ?? Date.now() + 10 * 60_000;
      cached = { token: result.accessToken, refreshAt: expiresAt - 5 * 60_000 };
      return result.accessToken;
    } catch (error) {
      throw tokenError(error);
    } finally {
      pending = undefined;
    }
  };
  const provider: GraphTokenProvider = () => {
    if (cached && Date.now() < cached.refreshAt) return Promise.resolve(cached.token);
    pending ??= acquire();
    return pending;
  };
  provider.invalidate = () => {
    cached = undefined;
    skipCache = true;
  };
  return provider;
}

function tokenError(error: unknown): IntegrationError {
  if (error instanceof IntegrationError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as { errorCode?: string; subError?: string; errorMessage?: string };
  const code = shape.errorCode ?? 'unknown_error';
  const aadsts = /AADSTS\d+/.exec(shape.errorMessage ?? '')?.[0];
  const label = aadsts ? `${code}, ${aadsts}` : code;
  if (['invalid_client', 'unauthorized_client', 'invalid_grant', 'invalid_scope', 'invalid_request', 'invalid_resource'].includes(code)) {
    return new AuthError(`Entra ID refused the app's credentials (${label}): check ENTRA_TENANT_ID, ENTRA_CLIENT_ID and ENTRA_CLIENT_SECRET`, { vendor: 'entra', status: 401, isRetryable: false, cause: error });
  }
  return new IntegrationError(`could not get a Graph token from Entra ID (${label})`, { vendor: 'entra', isRetryable: true, cause: error });
}
