import type { FastifyInstance } from 'fastify';

/**
 * `/.well-known/microsoft-officeaddins-allowed.json`: classic Outlook on Windows runs the
 * launch-event handlers from a bare JavaScript file, and lets that file make CORS calls (and get
 * SSO tokens) only when the origin lists it here. We list our one handler bundle.
 */
export function officeRoutes(app: FastifyInstance, { publicUrl }: { publicUrl: string }): void {
  const allowed = { allowed: [`${publicUrl}/launchevent.js`] };
  app.get('/.well-known/microsoft-officeaddins-allowed.json', { config: { rateLimit: false } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').send(allowed),
  );
}
