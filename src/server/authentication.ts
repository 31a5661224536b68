import type { FastifyRequest } from 'fastify';
import { AuthError, DevAuthenticator, readBearer } from '../auth/authenticate.js';
import { createEntraVerifier } from '../auth/entra-token.js';
import { rememberVerifiedTokens, unverifiedExpiry } from '../auth/verified-token-cache.js';
import type { ServerConfig } from '../config.js';
import { IntegrationError } from '../integration/integration-error.js';
import { HttpError } from './http-error.js';
import type { Authenticator, RequestUser } from './request-user.js';

/**
 * How `/api` requests prove who they are: an Entra ID access token from the Outlook add-in, or,
 * only on a loopback address with INSECURE_DEV_AUTH=1, nothing at all (a local developer).
 * A refused token is a 401 naming the reason (never the token); a key endpoint that cannot be
 * reached is a 503, so a client does not ask its user to sign in again for our outage.
 */
export function createAuthenticator(config: ServerConfig): Authenticator {
  if (config.insecureDevAuth) {
    const dev = new DevAuthenticator();
    return async (request) => asUser(() => dev.authenticate(request.headers));
  }
  if (!config.entra) {
    return async () => {
      throw new HttpError(401, 'unauthorized', 'no identity provider is configured on this server (ENTRA_TENANT_ID, ENTRA_CLIENT_ID)');
    };
  }
  const verify = rememberVerifiedTokens(
    createEntraVerifier({ tenantId: config.entra.tenantId, clientId: config.entra.clientId, jwksUrl: config.entra.jwksUrl }),
    unverifiedExpiry,
  );
  return async (request: FastifyRequest) => asUser(() => verify(readBearer(request.headers.authorization)));
}

async function asUser(authenticate: () => RequestUser | Promise<RequestUser>): Promise<RequestUser> {
  try {
    return await authenticate();
  } catch (error) {
    if (error instanceof AuthError) throw new HttpError(401, 'unauthorized', error.message);
    if (error instanceof IntegrationError) throw new HttpError(503, 'identity_provider_unavailable', 'the identity provider could not be reached; try again shortly');
    throw error;
  }
}
