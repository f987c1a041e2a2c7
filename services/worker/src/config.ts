import type { RetryPolicy } from '@tenantry/outbox';

export interface WorkerConfig {
  host: string;
  port: number;
  redisUrl: string | undefined;
  concurrency: number;
  retry: RetryPolicy;
  /** Redis key prefix of the queues (tests give each run its own). */
  queuePrefix: string;
  /** A job whose worker stopped renewing its lock for this long is given to another worker. */
  lockDurationMs: number;
  redispatchAfterMs: number;
}

const integer = (value: string | undefined, fallback: number): number => {
  const parsed = value ? Number(value) : Number.NaN;
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
};

/** WORKER_HOST, WORKER_PORT, REDIS_URL, WORKER_CONCURRENCY, OUTBOX_MAX_ATTEMPTS, OUTBOX_BACKOFF_MS, QUEUE_PREFIX, JOB_LOCK_MS, OUTBOX_REDISPATCH_AFTER_MS */
export const workerConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): WorkerConfig => ({
  host: env.WORKER_HOST || '127.0.0.1',
  port: integer(env.WORKER_PORT, 3001),
  redisUrl: env.REDIS_URL || undefined,
  concurrency: integer(env.WORKER_CONCURRENCY, 8),
  retry: {
    maxAttempts: integer(env.OUTBOX_MAX_ATTEMPTS, 5),
    backoffMs: integer(env.OUTBOX_BACKOFF_MS, 1_000),
  },
  queuePrefix: env.QUEUE_PREFIX || 'tenantry',
  lockDurationMs: integer(env.JOB_LOCK_MS, 30_000),
  redispatchAfterMs: integer(env.OUTBOX_REDISPATCH_AFTER_MS, 5 * 60_000),
});
