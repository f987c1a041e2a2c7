import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Security headers and CORS. The API answers JSON; the console's HTML sets its own CSP. */
export const securityPlugin = fp(async (app: FastifyInstance, options: { corsOrigins: string[] | true }) => {
  await app.register(helmet, {
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  await app.register(cors, {
    origin: options.corsOrigins,
    credentials: true,
    exposedHeaders: ['x-request-id', 'retry-after', 'idempotent-replayed'],
  });
});
