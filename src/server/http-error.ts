import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { describeIssue } from '../core/invite.js';

/**
 * Every error leaves the server as `{ "error": code, "message": one line }`: the task pane and
 * the add-on show the message, tests and logs read the code. Messages name fields, never echo
 * their values (an invite's text or an address must not come back in an error or reach a log).
 */

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Parses a request part with its zod schema, or a 400 naming the first bad field's path. */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, value: unknown, part: 'body' | 'query' = 'body'): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [part, ...issue.path.map(String)].join('.');
  throw new HttpError(400, 'invalid_request', `${path}: ${describeIssue(issue, value)}`);
}

/** Fastify's own errors (bad JSON, body too large, wrong content type) in the same shape. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      if (error.statusCode >= 500) request.log.error({ code: error.code }, error.message);
      // RFC 6750: a refused bearer token says so, so a client knows to get a new one.
      if (error.statusCode === 401) void reply.header('www-authenticate', 'Bearer error="invalid_token"');
      if (error.statusCode === 503) void reply.header('retry-after', '5');
      return reply.status(error.statusCode).send({ error: error.code, message: error.message });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.status(413).send({ error: 'body_too_large', message: 'the request body is larger than this server accepts' });
    if (status === 429) return reply.status(429).send({ error: 'rate_limited', message: error.message });
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send({ error: 'unsupported_media_type', message: 'send the body as application/json' });
    }
    if (status === 400) {
      // Fastify's JSON parser: the body is not JSON. Its message quotes no input, but keep ours.
      const invalidJson = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError;
      return reply.status(400).send({ error: invalidJson ? 'invalid_json' : 'invalid_request', message: invalidJson ? 'the body is not valid JSON' : error.message });
    }
    if (status < 500) return reply.status(status).send({ error: 'request_failed', message: error.message });
    // Unexpected: log the stack (no body, no headers), answer without details.
    request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, 'request failed');
    return reply.status(500).send({ error: 'internal_error', message: 'something went wrong on our side; try again' });
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }));
}
