import type { EventEnvelope } from '@tenantry/core';
import type { TenancyRouter } from '@tenantry/db';
import type { Queue } from 'bullmq';
import { consumeEvent, type EventHandler } from './handlers';
import { jobOptions, type RetryPolicy } from './queues';

export type DispatchResult =
  | { eventId: string; outcome: 'dispatched' }
  | { eventId: string; outcome: 'handler_failed'; error: string };

/**
 * Hands claimed events on. Throws when it cannot deliver at all (queue down):
 * the relay then postpones the batch without counting an attempt.
 */
export interface Dispatcher {
  readonly kind: 'queue' | 'in-process';
  dispatch(events: readonly EventEnvelope[]): Promise<DispatchResult[]>;
  /** Lets an event that failed for good be dispatched again (an operator retry). */
  forget(eventId: string): Promise<void>;
}

/** BullMQ: one job per event, jobId = event_id, so a double dispatch is one job while it is kept. */
export const createQueueDispatcher = (queue: Queue, policy: RetryPolicy): Dispatcher => ({
  kind: 'queue',
  async dispatch(events) {
    await queue.addBulk(
      events.map((event) => ({
        name: event.type,
        data: event,
        opts: { ...jobOptions(policy), jobId: event.event_id },
      })),
    );
    return events.map((event) => ({ eventId: event.event_id, outcome: 'dispatched' as const }));
  },
  async forget(eventId) {
    await queue.remove(eventId);
  },
});

/** Embedded mode (no Redis): the relay applies events itself, through the same handlers. */
export const createInProcessDispatcher = (
  router: TenancyRouter,
  handlers: readonly EventHandler[],
): Dispatcher => ({
  kind: 'in-process',
  async dispatch(events) {
    const results: DispatchResult[] = [];
    for (const event of events) {
      try {
        await consumeEvent(router, handlers, event);
        results.push({ eventId: event.event_id, outcome: 'dispatched' });
      } catch (error) {
        results.push({ eventId: event.event_id, outcome: 'handler_failed', error: errorText(error) });
      }
    }
    return results;
  },
  async forget() {},
});

export const errorText = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);
