import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Store } from '../../store/database.js';
import type { UnsubscribeLinks } from '../../report/unsubscribe.js';
import { escapeHtml } from '../../core/thread/render-thread.js';

/**
 * The weekly report's unsubscribe link, without login. GET shows a confirmation page (a link
 * scanner that follows GETs must not unsubscribe anyone); POST unsubscribes: the page's button,
 * and RFC 8058 one-click, where the mailbox provider posts `List-Unsubscribe=One-Click`.
 */
export function unsubscribeRoutes(app: FastifyInstance, { store, links }: { store: Store; links: () => UnsubscribeLinks }): void {
  app.register(async (scope) => {
    // Providers post form-encoded or multipart bodies; the signed link alone decides, so the body is read and ignored.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 16 * 1024 }, (_request, _body, done) => done(null, undefined));

    scope.get<{ Querystring: { t?: string } }>('/unsubscribe', async (request, reply) => {
      const key = links().verify(request.query.t);
      if (!key) return invalidLink(reply);
      const user = await store.users.getUser(key);
      const who = user?.email ? ` for ${escapeHtml(user.email)}` : '';
      return page(
        reply,
        200,
        'Unsubscribe from the weekly report?',
        `<p>Stop the Monday e-mail about meetings that could have been async${who}?</p>
<form method="post" action="/unsubscribe?t=${encodeURIComponent(request.query.t ?? '')}"><button type="submit">Unsubscribe</button></form>`,
      );
    });

    scope.post<{ Querystring: { t?: string } }>('/unsubscribe', async (request, reply) => {
      const key = links().verify(request.query.t);
      if (!key) return invalidLink(reply);
      await store.settings.putSettings(key, { reportOptIn: false });
      request.log.info({ tenantId: key.tenantId }, 'unsubscribed from the weekly report');
      return page(reply, 200, 'You are unsubscribed', '<p>You will not get the weekly meeting report any more. You can turn it back on in the add-in\'s settings.</p>');
    });
  });
}

function invalidLink(reply: FastifyReply) {
  return page(reply, 400, 'This unsubscribe link is not valid', '<p>The link is incomplete or was changed. Use the link from the e-mail as it is, or change the setting in the add-in.</p>');
}

function page(reply: FastifyReply, status: number, title: string, body: string) {
  return reply
    .status(status)
    .header('Cache-Control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`);
}
