import { newId, type Principal } from '@tenantry/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** The authentication port: identity supplies the real one (tokens, API keys). */
export type Authenticator = (request: FastifyRequest) => Promise<Principal | null>;

export const anonymousOnly: Authenticator = async () => null;

const acceptableRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/** Reuses a caller's X-Request-Id when it is sane, else a fresh UUIDv7. */
export const requestIdFrom = (header: string | string[] | undefined): string =>
  typeof header === 'string' && acceptableRequestId.test(header) ? header : newId();

/** Adds fields to every later log line of this request, Fastify's own completion line included. */
export const bindLog = (
  request: FastifyRequest,
  reply: FastifyReply,
  fields: Record<string, unknown>,
): void => {
  const child = request.log.child(fields);
  request.log = child;
  reply.log = child;
};

/** Echoes the request id and resolves the principal, binding both into the request's logger. */
export const requestContextPlugin = fp(
  async (app: FastifyInstance, options: { authenticate: Authenticator }) => {
    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request, reply) => {
      reply.header('x-request-id', request.id);
      const principal = await options.authenticate(request);
      request.principal = principal;
      if (principal) {
        request.log = request.log.child({ tenant_id: principal.tenantId, user_id: principal.id });
      }
    });
  },
);
