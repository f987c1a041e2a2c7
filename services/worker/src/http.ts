import type { DatabaseRuntime } from '@tenantry/db';
import { registerMetrics } from '@tenantry/observability';
import type { Queue } from 'bullmq';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';

/** The worker's own /health and /metrics. */
export const buildWorkerHttp = async (deps: {
  db: DatabaseRuntime;
  queues: readonly Queue[];
  logger?: FastifyServerOptions['logger'];
}): Promise<FastifyInstance> => {
  const app = Fastify({ logger: deps.logger ?? false });
  app.get('/health', async () => ({ data: { status: 'ok' } }));
  await registerMetrics(app, { router: deps.db.router, queues: deps.queues });
  return app;
};
