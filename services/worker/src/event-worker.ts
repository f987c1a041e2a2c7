import type { EventEnvelope } from '@tenantry/core';
import type { QueueName } from '@tenantry/outbox';
import { type Job, type QueueOptions, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WorkerConfig } from './config';

/** What every queue of the worker shares: the Redis client, key prefix and telemetry. */
export interface QueueContext {
  connection: Redis;
  queueOptions: QueueOptions;
  config: WorkerConfig;
  logger: Logger;
}

export interface EventWorkerOptions {
  queueName: QueueName;
  /** Does the job's work; throwing fails the attempt, and BullMQ retries it. */
  process(event: EventEnvelope): Promise<void>;
  /** Called when BullMQ has given the job up for good. */
  onGivenUp?(event: EventEnvelope, failure: { error: Error; attempts: number }): Promise<void>;
  /** Log messages: before an attempt, after success, after a failed attempt. */
  messages: { start: string; done: string; failed: string };
}

export interface EventWorker {
  run(): void;
  /** Stops taking jobs, waits for those in hand, then closes its Redis connection. */
  close(): Promise<void>;
}

/** Every log line of a job names it, its queue, its event and its tenant. */
const jobLogger = (logger: Logger, job: Job<EventEnvelope>): Logger =>
  logger.child({
    job: job.name,
    queue: job.queueName,
    event_id: job.data.event_id,
    tenant_id: job.data.tenant_id,
  });

/** A BullMQ worker of jobs that carry an event envelope, with the worker's lock and concurrency settings. */
export const createEventWorker = (context: QueueContext, options: EventWorkerOptions): EventWorker => {
  const { config, logger } = context;
  // A worker blocks on its connection while it waits for jobs: its own, not the queues' one.
  const connection = context.connection.duplicate();
  const worker = new Worker<EventEnvelope>(
    options.queueName,
    async (job) => {
      const jobLog = jobLogger(logger, job);
      jobLog.debug({ attempt: job.attemptsMade + 1 }, options.messages.start);
      await options.process(job.data);
      jobLog.info(options.messages.done);
    },
    {
      ...context.queueOptions,
      connection,
      concurrency: config.concurrency,
      autorun: false,
      lockDuration: config.lockDurationMs,
      stalledInterval: Math.max(1_000, Math.floor(config.lockDurationMs / 2)),
      // A stall is the worker dying (deploy, OOM kill, lost node), not the job failing.
      // BullMQ's default of one gives a job up when two workers die holding it in a
      // row; the same budget as attempts keeps it through restarts and still ends a
      // job that kills every worker it lands on.
      maxStalledCount: config.retry.maxAttempts,
    },
  );
  worker.on('failed', (job, error) => {
    if (!job) return;
    const jobLog = jobLogger(logger, job);
    // Final when BullMQ will not try again: attempts used up, an unrecoverable
    // error, or too many stalls. Its state says so whatever the reason.
    void job
      .getState()
      .then(async (state) => {
        const final = state === 'failed';
        jobLog.warn({ err: error, attempt: job.attemptsMade, final }, options.messages.failed);
        if (final) await options.onGivenUp?.(job.data, { error, attempts: job.attemptsMade });
      })
      .catch((failure: unknown) => jobLog.error({ err: failure }, 'could not record the failure'));
  });
  worker.on('error', (error) => logger.warn({ err: error }, 'worker error'));
  return {
    run() {
      void worker.run();
    },
    async close() {
      await worker.close();
      await connection.quit().catch(() => {});
    },
  };
};
