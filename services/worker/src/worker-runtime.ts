import type { DatabaseRuntime } from '@tenantry/db';
import { createEmailHandler } from '@tenantry/mail';
import { queueTelemetry } from '@tenantry/observability';
import {
  consumedEventTypes,
  consumeEvent,
  createInProcessDispatcher,
  createQueueDispatcher,
  createRelay,
  type Dispatcher,
  type EventHandler,
  errorText,
  listenForOutbox,
  type OutboxListener,
  queueNames,
  type Relay,
  recordDispatchFailure,
} from '@tenantry/outbox';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WorkerConfig } from './config';
import { createEmailJobs, type MailDeps } from './email-jobs';
import { createEventWorker, type QueueContext } from './event-worker';

export interface WorkerDeps {
  config: WorkerConfig;
  db: DatabaseRuntime;
  handlers: readonly EventHandler[];
  logger: Logger;
  /** Email: the events that send one (composers) and the mailer; no email without it. */
  mail?: MailDeps;
  /**
   * A direct Postgres URL (not through a transaction pooler) on which the relay
   * LISTENs for committed events; without it the relay only polls.
   */
  listenUrl?: string;
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
 * BullMQ jobs (outbox-dispatch) processed here with retries, and email goes
 * through its own email-send jobs; without it the relay applies events
 * in-process through the same handlers, email included.
 */
export const createWorkerRuntime = (deps: WorkerDeps): WorkerRuntime => {
  const runtime = createRelayAndQueues(deps);
  const { listenUrl, logger } = deps;
  if (!listenUrl) return runtime;
  let listener: OutboxListener | null = null;
  return {
    ...runtime,
    start() {
      runtime.start();
      listener ??= listenForOutbox(listenUrl, () => runtime.relay.wake(), {
        onError: (error) => logger.warn({ err: error }, 'outbox listener connection lost'),
      });
    },
    async stop() {
      await listener?.close();
      listener = null;
      await runtime.stop();
    },
  };
};

const createRelayAndQueues = (deps: WorkerDeps): WorkerRuntime => {
  const { config, db, logger, mail } = deps;
  const router = db.router;
  if (!config.redisUrl) {
    const handlers = mail ? [...deps.handlers, createEmailHandler(mail)] : deps.handlers;
    const dispatcher = createInProcessDispatcher(router, handlers);
    const relay = createRelay({
      router,
      dispatcher,
      consumedTypes: consumedEventTypes(handlers),
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
  const context: QueueContext = {
    connection,
    queueOptions: { connection, prefix: config.queuePrefix, ...queueTelemetry() },
    config,
    logger,
  };
  const outboxQueue = new Queue(queueNames.outboxDispatch, context.queueOptions);
  const email = mail ? createEmailJobs(context, router, mail) : undefined;
  const handlers = email ? [...deps.handlers, email.handler] : deps.handlers;
  const dispatcher = createQueueDispatcher(outboxQueue, config.retry);
  const relay = createRelay({
    router,
    dispatcher,
    // An event no handler (email included) takes is completed when claimed: no job for nobody.
    consumedTypes: consumedEventTypes(handlers),
    retry: config.retry,
    redispatchAfterMs: config.redispatchAfterMs,
    onError: (error) => logger.warn({ err: error }, 'outbox relay pass failed'),
  });

  const outboxWorker = createEventWorker(context, {
    queueName: queueNames.outboxDispatch,
    // The completion commits with the last handler's inbox row: no transaction of its own.
    process: (event) => consumeEvent(router, handlers, event, { recordCompletion: true }),
    onGivenUp: (event, failure) =>
      recordDispatchFailure(
        router,
        { tenantId: event.tenant_id as string, eventId: event.event_id },
        { error: errorText(failure.error), attempts: failure.attempts },
      ),
    messages: { start: 'applying event', done: 'event applied', failed: 'event handler failed' },
  });
  const queues = email ? [outboxQueue, email.queue] : [outboxQueue];
  // Without a listener BullMQ prints a queue's connection errors to stderr (a Redis restart).
  for (const queue of queues) {
    queue.on('error', (error) => logger.warn({ err: error, queue: queue.name }, 'queue error'));
  }

  return {
    mode: 'queue',
    relay,
    dispatcher,
    queues,
    start() {
      relay.start();
      outboxWorker.run();
      email?.worker.run();
    },
    async stop() {
      await relay.stop();
      // Outbox jobs in hand may still enqueue email: their worker closes first.
      await outboxWorker.close();
      await email?.worker.close();
      await Promise.all(queues.map((queue) => queue.close()));
      await connection.quit().catch(() => {});
    },
  };
};
