import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelName, ThreadChannel } from '../channels/thread-channel.js';
import type { ServerConfig } from '../config.js';
import type { LlmCaller } from '../llm/llm-client.js';
import type { Store } from '../store/database.js';
import { installErrorHandlers } from './http-error.js';
import { JudgeProvider } from './judges.js';
import { loggerOptions } from './logging.js';
import { RecentSettings } from './recent-settings.js';
import type { Authenticator } from './request-user.js';
import { addinConfigRoutes } from './routes/addin-config-routes.js';
import type { UserTokenSource } from '../google-addon/delegated-user-tokens.js';
import { googleAddonRoutes } from './routes/google-addon-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { judgeRoutes } from './routes/judge-routes.js';
import { officeRoutes } from './routes/office-routes.js';
import { threadSendRoutes } from './routes/thread-send-routes.js';
import { userRoutes } from './routes/user-routes.js';
import { unsubscribeRoutes } from './routes/unsubscribe.js';
import { resolveReportSigningSecret, UnsubscribeLinks } from '../report/unsubscribe.js';
import { registerSecurityHeaders } from './security-headers.js';

/**
 * The backend as a Fastify app, with everything it talks to handed in: the store, how requests
 * are authenticated, the channels threads are posted to. `serve` wires the real ones; tests wire
 * the same ones against local servers and a temporary database.
 */

export interface AppDependencies {
  config: ServerConfig;
  store: Store;
  authenticate: Authenticator;
  channels?: Partial<Record<ChannelName, ThreadChannel>>;
  /** The built add-in files (task pane, launch-event handlers); none served when absent. */
  staticRoot?: string;
  /** An LLM client to use instead of the one the config describes (tests). */
  llmClient?: LlmCaller;
  /** Where logs go (tests capture them); stdout by default. */
  logDestination?: NodeJS.WritableStream;
  version?: string;
  /** Certificate and key: serve HTTPS (Office sideloading needs it beyond localhost). */
  https?: { cert: Buffer; key: Buffer };
  /** Google add-on: user tokens for creation prompts (default: the service account's delegation). */
  googleUserTokens?: UserTokenSource;
}

/** Folders of the build output that are code for Node, not files for the browser. */
const notForBrowsers = /^\/(src|bench|test|scripts|node_modules)(\/|$)/;

export async function buildApp(dependencies: AppDependencies): Promise<FastifyInstance> {
  const { config, store } = dependencies;
  // With `https` Fastify types the instance for an https.Server; the routes do not care which.
  const app = Fastify({
    ...(dependencies.https ? { https: dependencies.https } : {}),
    logger: loggerOptions(config.logLevel, dependencies.logDestination),
    bodyLimit: config.bodyLimitBytes,
    // Request ids in logs only: never trust one from outside.
    genReqId: () => crypto.randomUUID(),
  }) as unknown as FastifyInstance;
  installErrorHandlers(app);
  await registerSecurityHeaders(app, { graphBaseUrl: config.graphBaseUrl });

  // Authentication first, so that rate limits count per user rather than per shared proxy address.
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/')) request.user = await dependencies.authenticate(request);
  });
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (request) => (request.user ? `${request.user.tenantId}/${request.user.userId}` : request.ip),
  });

  const judges = new JudgeProvider(config, store.verdicts, dependencies.llmClient);
  const settings = new RecentSettings(store);
  healthRoutes(app, { store, version: dependencies.version ?? 'dev' });
  judgeRoutes(app, { settings, judges });
  threadSendRoutes(app, { store, channels: dependencies.channels ?? {} });
  userRoutes(app, { store, settings, judges });
  officeRoutes(app, { publicUrl: config.publicUrl });
  // The signing secret is read (or, on SQLite, made) when the first unsubscribe link is opened.
  let links: UnsubscribeLinks | undefined;
  const unsubscribeLinks = () =>
    (links ??= new UnsubscribeLinks(
      resolveReportSigningSecret({ configured: config.reportSigningSecret, databaseUrl: config.database.url, sqlitePath: config.database.sqlitePath }),
      config.publicUrl,
    ));
  unsubscribeRoutes(app, { store, links: unsubscribeLinks });
  googleAddonRoutes(app, { config, store, judges, settings, userTokens: dependencies.googleUserTokens });
  addinConfigRoutes(app, { entra: config.entra, publicUrl: config.publicUrl });

  if (dependencies.staticRoot && existsSync(dependencies.staticRoot)) {
    await app.register(fastifyStatic, {
      root: dependencies.staticRoot,
      index: false,
      allowedPath: (path) => !notForBrowsers.test(path),
    });
    const taskPane = join(dependencies.staticRoot, 'taskpane.html');
    app.get('/', (_request, reply) => (existsSync(taskPane) ? reply.redirect('/taskpane.html') : reply.send(serviceDescription())));
  } else {
    app.get('/', async () => serviceDescription());
  }
  return app;
}

function serviceDescription() {
  return {
    service: 'invite-challenger',
    health: '/healthz',
    ready: '/readyz',
    api: ['POST /api/judge', 'POST /api/thread', 'POST /api/thread/send', 'POST /api/feedback', 'GET /api/settings', 'PUT /api/settings'],
  };
}
