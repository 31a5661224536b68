import type { FastifyRequest } from 'fastify';
import type { UserKey } from '../store/database.js';

/** Who is calling, once authentication has run: every user-data query is keyed by it. */
export interface RequestUser {
  tenantId: string;
  userId: string;
  email?: string;
  name?: string;
  provider: 'entra' | 'google' | 'dev';
}

/** Turns a request into its user, or throws a 401 HttpError/AuthError. */
export type Authenticator = (request: FastifyRequest) => Promise<RequestUser>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on every /api route. */
    user?: RequestUser;
  }
}

export function userOf(request: FastifyRequest): RequestUser {
  if (!request.user) throw new Error('unreachable: an /api route ran without authentication');
  return request.user;
}

export function keyOf(user: RequestUser): UserKey {
  return { tenantId: user.tenantId, userId: user.userId };
}
