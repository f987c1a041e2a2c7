import { platformTenantId } from '@tenantry/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { KeyRef } from './idempotency.repository';
import { type IdempotencyService, requestHash } from './idempotency.service';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyRef: KeyRef | null;
  }
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Keys are scoped to tenant and caller: one caller's key never answers another's request. */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance, options: { service: IdempotencyService }) => {
    const { service } = options;
    app.decorateRequest('idempotencyRef', null);

    app.addHook('preHandler', async (request, reply) => {
      if (!writeMethods.has(request.method)) return;
      const key = service.parseKey(request.headers['idempotency-key']);
      if (key === undefined) return;
      const principal = request.principal;
      const ref: KeyRef = {
        tenantId: principal?.tenantId ?? platformTenantId,
        scope: principal ? `${principal.kind}:${principal.id}` : `ip:${request.ip}`,
        key,
      };
      const route = request.routeOptions.url ?? request.url;
      const reservation = await service.reserve(ref, requestHash(request.method, route, request.body));
      if (reservation.outcome === 'replay') {
        reply.code(reservation.status).header('idempotent-replayed', 'true');
        if (reservation.contentType) reply.header('content-type', reservation.contentType);
        return reply.send(reservation.body);
      }
      request.idempotencyRef = ref;
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const ref = request.idempotencyRef;
      if (!ref) return payload;
      request.idempotencyRef = null;
      const body =
        typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
      const contentType = reply.getHeader('content-type');
      await service.finish(ref, {
        status: reply.statusCode,
        body,
        contentType: typeof contentType === 'string' ? contentType : null,
      });
      return payload;
    });
  },
);
