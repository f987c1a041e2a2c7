import { platformTenantId } from '@tenantry/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { KeyRef } from './idempotency.repository';
import { type IdempotencyService, requestHash } from './idempotency.service';

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request holds, and its lease (see idempotency.repository heldBy). */
    idempotencyRef: { ref: KeyRef; lease: Date } | null;
    /** Set by the error handler when a retry may succeed (serialization failure, rate limit). */
    retryableFailure: boolean;
  }
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Keys are scoped to tenant and caller: one caller's key never answers another's request. */
export const idempotencyPlugin = fp(
  async (app: FastifyInstance, options: { service: IdempotencyService }) => {
    const { service } = options;
    app.decorateRequest('idempotencyRef', null);
    app.decorateRequest('retryableFailure', false);

    app.addHook('preHandler', async (request, reply) => {
      if (!writeMethods.has(request.method)) return;
      // A response with credentials must not rest in the table: such a route runs on every retry.
      if (request.routeOptions.config.credentials) return;
      const key = service.parseKey(request.headers['idempotency-key']);
      if (key === undefined) return;
      const principal = request.principal;
      const ref: KeyRef = {
        tenantId: principal?.tenantId ?? platformTenantId,
        scope: principal ? `${principal.kind}:${principal.id}` : `ip:${request.ip}`,
        key,
      };
      // The real URL (path parameters and query included): one key must not answer for another resource.
      const reservation = await service.reserve(ref, requestHash(request.method, request.url, request.body));
      if (reservation.outcome === 'replay') {
        reply.code(reservation.status).header('idempotent-replayed', 'true');
        if (reservation.contentType) reply.header('content-type', reservation.contentType);
        return reply.send(reservation.body);
      }
      request.idempotencyRef = { ref, lease: reservation.lease };
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const held = request.idempotencyRef;
      if (!held) return payload;
      request.idempotencyRef = null;
      const body =
        typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
      const contentType = reply.getHeader('content-type');
      // A stream cannot be stored, and a transient failure must not be replayed: both free the key.
      const storable = body !== null && !request.retryableFailure;
      await service.finish(held.ref, held.lease, {
        status: storable ? reply.statusCode : 503,
        body: body ?? '',
        contentType: typeof contentType === 'string' ? contentType : null,
      });
      return payload;
    });
  },
);
