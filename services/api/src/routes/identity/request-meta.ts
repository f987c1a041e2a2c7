import { authnError, type Principal } from '@tenantry/core';
import type { RequestMeta } from '@tenantry/identity';
import type { FastifyRequest } from 'fastify';

/** The caller's address (after trustProxy), agent and request id, for audit rows and login attempts. */
export const requestMeta = (request: FastifyRequest): RequestMeta => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
  requestId: request.id,
});

/** The principal of a route whose access already demanded one (the guard ran before the handler). */
export const signedIn = (principal: Principal | null): Principal => {
  if (!principal) throw authnError('Authentication required');
  return principal;
};
