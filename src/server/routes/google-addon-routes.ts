import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthError, readBearer } from '../../auth/authenticate.js';
import { createGoogleAddonVerifier } from '../../auth/google-id-token.js';
import type { ServerConfig } from '../../config.js';
import { delegatedUserTokens, type UserTokenSource } from '../../google-addon/delegated-user-tokens.js';
import { addonEventSchema, type AddonEvent } from '../../google-addon/event-object.js';
import { GoogleAddon, type AddonJudges } from '../../google-addon/google-addon.js';
import { createGoogleUserVerifier, type GoogleUser } from '../../google-addon/google-user-identity.js';
import { IntegrationError } from '../../integration/integration-error.js';
import type { Store } from '../../store/database.js';
import { HttpError, parseRequest } from '../http-error.js';
import type { RecentSettings } from '../recent-settings.js';

/**
 * The Google Calendar add-on's endpoints (HTTP runtime). Google Workspace calls the first four
 * with an ID token for our deployment's service account, audience = the endpoint URL; Calendar
 * push notifications carry the secret token of the channel instead. Pre-read pages are public
 * by an unguessable id, for attendees who open the attachment.
 */

export interface GoogleAddonRouteOptions {
  config: ServerConfig;
  store: Store;
  judges: AddonJudges;
  settings: RecentSettings;
  /** Tokens for creation prompts; by default the service account's delegation (GOOGLE_SERVICE_ACCOUNT_KEY_FILE). */
  userTokens?: UserTokenSource;
  /** How often channels are checked for renewal; 0 turns the timer off (tests call renewChannels). */
  renewEveryMs?: number;
}

const addonPaths = { homepage: '/google/homepage', eventOpen: '/google/event-open', eventUpdate: '/google/event-update', action: '/google/action' } as const;

export function googleAddonRoutes(app: FastifyInstance, options: GoogleAddonRouteOptions): GoogleAddon {
  const { config, store } = options;
  const userTokens = options.userTokens ?? (config.google?.keyFile ? delegatedUserTokens({ keyFile: config.google.keyFile }) : undefined);
  const addon = new GoogleAddon({
    publicUrl: config.publicUrl,
    googleApiRootUrl: config.googleApiRootUrl,
    store,
    judges: options.judges,
    settingsFor: (key) => options.settings.get(key),
    userTokens,
    warn: (message) => app.log.warn(message),
  });

  const verifyCaller = config.google ? createGoogleAddonVerifier({ serviceAccountEmail: config.google.serviceAccountEmail, certsUrl: config.google.certsUrl, publicUrl: config.publicUrl }) : undefined;
  const verifyUser = config.google?.oauthClientId ? createGoogleUserVerifier({ oauthClientId: config.google.oauthClientId, certsUrl: config.google.certsUrl }) : undefined;

  /** The caller must be our add-on deployment; a refusal is a 401 naming the reason, never the token. */
  async function authenticate(request: FastifyRequest): Promise<void> {
    if (!verifyCaller) {
      if (config.insecureDevAuth) return;
      throw new HttpError(401, 'unauthorized', 'no Google add-on deployment is configured on this server (GOOGLE_SERVICE_ACCOUNT_EMAIL)');
    }
    try {
      await verifyCaller(readBearer(request.headers.authorization), request.url);
    } catch (error) {
      if (error instanceof AuthError) throw new HttpError(401, 'unauthorized', error.message);
      if (error instanceof IntegrationError) throw new HttpError(503, 'identity_provider_unavailable', 'the Google signing certificates could not be fetched; try again shortly');
      throw error;
    }
  }

  /** The user, from the event's user ID token; undefined when it is absent or refused (the card says so where it matters). */
  async function userOf(event: AddonEvent): Promise<GoogleUser | undefined> {
    const token = event.authorizationEventObject?.userIdToken;
    if (!token || !verifyUser) return undefined;
    return verifyUser(token).catch(() => undefined);
  }

  const handle = (trigger: 'open' | 'action', run: (event: AddonEvent, user: GoogleUser | undefined) => Promise<unknown>) => async (request: FastifyRequest, reply: FastifyReply) => {
    await authenticate(request);
    const event = parseRequest(addonEventSchema, request.body);
    const user = await userOf(event);
    try {
      return await run(event, user);
    } catch (error) {
      // Google shows a broken add-on for anything but a card: answer one that says what happened.
      request.log.error({ err: { type: (error as Error).name, message: (error as Error).message } }, 'google add-on request failed');
      return reply.send(addon.failureResponse(trigger));
    }
  };

  // Google's calls come from shared addresses and are already limited to our deployment by the
  // ID token: a per-address limit would throttle every user at once.
  const routeOptions = { config: { rateLimit: false as const } };
  app.post(addonPaths.homepage, routeOptions, handle('open', (event, user) => addon.homepage(event, user)));
  app.post(addonPaths.eventOpen, routeOptions, handle('open', (event, user) => addon.eventOpen(event, user)));
  app.post(addonPaths.eventUpdate, routeOptions, handle('open', (event, user) => addon.eventOpen(event, user)));
  app.post(addonPaths.action, routeOptions, handle('action', (event, user) => addon.action(event, user)));

  // Push notifications: the headers say it all and the body is empty, whatever content type is
  // claimed. A scope of its own accepts any body so that Google never gets a 400 for it.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, _body, done) => done(null, undefined));
    scope.post('/google/notifications', routeOptions, async (request, reply) => {
      const status = await addon.notification(request.headers);
      return reply.status(status).send();
    });
  });

  app.get('/google/pre-read/:id', async (request, reply) => {
    const html = await addon.preReadHtml((request.params as { id: string }).id);
    if (!html) throw new HttpError(404, 'not_found', 'no such pre-read');
    return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'private, max-age=300').send(html);
  });

  const renewEveryMs = options.renewEveryMs ?? 3600_000;
  if (userTokens && renewEveryMs > 0) {
    const timer = setInterval(() => void addon.renewChannels().catch(() => undefined), renewEveryMs);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
  return addon;
}
