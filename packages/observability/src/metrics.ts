import type { TenancyRouter } from '@tenantry/db';
import { outboxStats } from '@tenantry/outbox';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import metricsPlugin from 'fastify-metrics';
import type promClient from 'prom-client';

export interface MetricSources {
  router: TenancyRouter;
  queues?: readonly Queue[];
}

/**
 * Gauges read at scrape time, so /metrics always shows the current backlog:
 * outbox pending/failed and the age of the oldest pending event (over every
 * storage), queue depth and failed jobs, and database pool use.
 */
export const registerPlatformGauges = (client: typeof promClient, sources: MetricSources): void => {
  const registry = client.register;
  const existing = registry.getSingleMetric('tenantry_outbox_pending_events');
  if (existing) return;
  let outbox: {
    at: number;
    read: Promise<{ pending: number; failed: number; oldestAgeSeconds: number }>;
  } | null = null;
  // The three outbox gauges of one scrape collect concurrently: they share one read.
  const readOutbox = () => {
    if (!outbox || Date.now() - outbox.at > 500) {
      outbox = {
        at: Date.now(),
        read: outboxStats(sources.router).then((stats) => ({
          pending: stats.pending,
          failed: stats.failed,
          oldestAgeSeconds: stats.oldestPendingAt
            ? Math.max(0, Date.now() - stats.oldestPendingAt.getTime()) / 1000
            : 0,
        })),
      };
    }
    return outbox.read;
  };
  new client.Gauge({
    name: 'tenantry_outbox_pending_events',
    help: 'Events committed and not yet handed to the queue',
    async collect() {
      this.set((await readOutbox()).pending);
    },
  });
  new client.Gauge({
    name: 'tenantry_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest pending event (0 when none)',
    async collect() {
      this.set((await readOutbox()).oldestAgeSeconds);
    },
  });
  new client.Gauge({
    name: 'tenantry_outbox_failed_events',
    help: 'Events given up after their retries, waiting for an operator',
    async collect() {
      this.set((await readOutbox()).failed);
    },
  });
  const queues = sources.queues ?? [];
  new client.Gauge({
    name: 'tenantry_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'],
    async collect() {
      for (const queue of queues) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
        for (const [state, count] of Object.entries(counts)) this.set({ queue: queue.name, state }, count);
      }
    },
  });
  new client.Gauge({
    name: 'tenantry_db_pool_connections',
    help: 'Shared database pool: total, idle and waiting clients',
    labelNames: ['state'],
    collect() {
      const stats = sources.router.poolStats();
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
      this.set({ state: 'tenant_databases' }, stats.tenantDatabases);
    },
  });
};

/** GET /metrics in Prometheus format: HTTP metrics plus the platform gauges. */
export const registerMetrics = async (app: FastifyInstance, sources: MetricSources): Promise<void> => {
  await app.register(metricsPlugin, {
    endpoint: { url: '/metrics', config: { rateLimit: false } } as never,
    defaultMetrics: { enabled: true },
    clearRegisterOnInit: true,
    routeMetrics: { enabled: { histogram: true, summary: false } },
  });
  registerPlatformGauges(app.metrics.client as unknown as typeof promClient, sources);
};
