import type { FastifyServerOptions } from 'fastify';

/**
 * Structured logs (pino) that carry what an operator needs — method, path, status, time, request
 * id — and nothing about the people or the meetings: no headers (tokens), no query strings (a
 * Google notification URL may carry an address), no bodies (invite text).
 */
export function loggerOptions(level: string, destination?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    ...(destination ? { stream: destination } : {}),
    redact: { paths: ['req.headers', 'headers.authorization', 'authorization', '*.authorization', '*.token', '*.accessToken', '*.email'], censor: '[redacted]' },
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({ id: request.id, method: request.method, path: request.url.split('?')[0] }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}
