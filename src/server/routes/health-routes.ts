import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/database.js';

/** `/healthz`: the process answers. `/readyz`: and its database does, so it can take traffic. */
export function healthRoutes(app: FastifyInstance, { store, version }: { store: Store; version: string }): void {
  app.get('/healthz', { config: { rateLimit: false } }, async () => ({ status: 'ok', version }));
  app.get('/readyz', { config: { rateLimit: false } }, async (request, reply) => {
    try {
      await store.ping();
      return { status: 'ready', store: store.kind };
    } catch (error) {
      request.log.warn({ err: { type: (error as Error).name, message: (error as Error).message } }, 'store not reachable');
      return reply.status(503).send({ error: 'not_ready', message: 'the database is not reachable' });
    }
  });
}
