import type { FastifyInstance } from 'fastify';

/** What the Outlook task pane needs to sign in: public values only, never the client secret. */
export interface AddinPublicConfig {
  clientId?: string;
  authority?: string;
  apiScope?: string;
}

type PublicEntra = { tenantId: string; clientId: string; authorityUrl?: string };

/**
 * The delegated scope our API checks (src/auth/entra-token.ts requiredScope), under api://{host}/{clientId}.
 * The authority is ENTRA_AUTHORITY_URL's host (a national cloud, a test issuer) with the tenant, as
 * the server's own token calls use it (src/calendars/graph/graph-app-token.ts).
 */
export function addinPublicConfig(entra: PublicEntra | undefined, publicUrl: string): AddinPublicConfig {
  if (!entra) return {};
  return {
    clientId: entra.clientId,
    authority: `${new URL(entra.authorityUrl ?? 'https://login.microsoftonline.com').origin}/${entra.tenantId}`,
    apiScope: `api://${new URL(publicUrl).host}/${entra.clientId}/access_as_user`,
  };
}

/** `GET /addin-config.json`: the pane reads it when the build did not bake the values into its page. */
export function addinConfigRoutes(app: FastifyInstance, options: { entra?: PublicEntra; publicUrl: string }): void {
  const body = addinPublicConfig(options.entra, options.publicUrl);
  app.get('/addin-config.json', { config: { rateLimit: false } }, async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(body));
}
