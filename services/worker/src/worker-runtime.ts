import type { EventEnvelope } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
import { queueTelemetry } from '@tenantry/observability';
import {
  consumeEvent,
  createInProcessDispatcher,
  createQueueDispatcher,
  createRelay,
  type Dispatcher,
  type EventHandler,
  errorText,
  queueNames,
  type Relay,
  recordCompletion,
  recordDispatchFailure,
} from '@tenantry/outbox';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WorkerConfig } from './config';

export interface WorkerDeps {
  config: WorkerConfig;
  db: DatabaseRuntime;
  handlers: readonly EventHandler[];
  logger: Logger;
}

export interface WorkerRuntime {
  readonly mode: 'queue' | 'in-process';
  readonly relay: Relay;
  readonly dispatcher: Dispatcher;
  readonly queues: Queue[];
  start(): void;
  /** Stops taking work and waits for jobs in hand to finish: none is lost on SIGTERM. */
  stop(): Promise<void>;
}

/**
 * The outbox relay and the queue processors. With Redis, events become
 * BullMQ jobs (outbox-dispatch) processed here with retries; without it the
 * relay applies them in-process through the same handlers.
 */
export const createWorkerRuntime = (deps: WorkerDeps): WorkerRuntime => {
  const { config, db, handlers, logger } = deps;
  const router = db.router;
  if (!config.redisUrl) {
    const dispatcher = createInProcessDispatcher(router, handlers);
    const relay = createRelay({
      router,
      dispatcher,
      retry: config.retry,
      onError: (error) => logger.warn({ err: error }, 'outbox relay pass failed'),
    });
    return {
      mode: 'in-process',
      relay,
      dispatcher,
      queues: [],
      start: () => relay.start(),
      stop: () => relay.stop(),
    };
  }

  const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  const queueOptions = { connection, prefix: config.queuePrefix, ...queueTelemetry() };
  const outboxQueue = new Queue(queueNames.outboxDispatch, queueOptions);
  const dispatcher = createQueueDispatcher(outboxQueue, config.retry);
  const relay = createRelay({
    router,
    dispatcher,
    retry: config.retry,
    redispatchAfterMs: config.redispatchAfterMs,
    onError: (error) => logger.warn({ err: error }, 'outbox relay pass failed'),
  });

  const outboxWorker = new Worker<EventEnvelope>(
    queueNames.outboxDispatch,
    async (job) => {
      const event = job.data;
      const jobLog = logger.child({
        job: job.name,
        queue: job.queueName,
        event_id: event.event_id,
        tenant_id: event.tenant_id,
      });
      jobLog.debug({ attempt: job.attemptsMade + 1 }, 'applying event');
      await consumeEvent(router, handlers, event);
      await recordCompletion(router, { tenantId: event.tenant_id as string, eventId: event.event_id });
      jobLog.info('event applied');
    },
    {
      ...queueOptions,
      connection: connection.duplicate(),
      concurrency: config.concurrency,
      autorun: false,
      lockDuration: config.lockDurationMs,
      stalledInterval: Math.max(1_000, Math.floor(config.lockDurationMs / 2)),
    },
  );
  outboxWorker.on('failed', (job, error) => {
    if (!job) return;
    const event = job.data;
    const jobLog = logger.child({
      job: job.name,
      queue: job.queueName,
      event_id: event.event_id,
      tenant_id: event.tenant_id,
    });
    // Final when BullMQ will not try again: attempts used up, an unrecoverable
    // error, or too many stalls. Its state says so whatever the reason.
    void job
      .getState()
      .then(async (state) => {
        const final = state === 'failed';
        jobLog.warn({ err: error, attempt: job.attemptsMade, final }, 'event handler failed');
        if (!final) return;
        await recordDispatchFailure(
          router,
          { tenantId: event.tenant_id as string, eventId: event.event_id },
          { error: errorText(error), attempts: job.attemptsMade },
        );
      })
      .catch((failure: unknown) => jobLog.error({ err: failure }, 'could not record the failure'));
  });
  outboxWorker.on('error', (error) => logger.warn({ err: error }, 'worker error'));

  return {
    mode: 'queue',
    relay,
    dispatcher,
    queues: [outboxQueue],
    start() {
      relay.start();
      void outboxWorker.run();
    },
    async stop() {
      await relay.stop();
      await outboxWorker.close();
      await outboxQueue.close();
      await connection.quit().catch(() => {});
    },
  };
};
