import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { EventEnvelope } from '@tenantry/core';
import { platformTenantId, type TenancyRouter, type Tx } from '@tenantry/db';
import { claimInbox } from './inbox.repository';
import { type ConsumedTypes, markCompleted } from './outbox.repository';
import { contextFromCarrier } from './trace';

/** A consumer of events: applied inside the tenant's transaction, once per event. */
export interface EventHandler {
  /** Stable name: the inbox key. Renaming it replays history to the new name. */
  consumer: string;
  /** Event types handled; '*' for all. */
  eventTypes: readonly string[] | '*';
  handle(event: EventEnvelope, tx: Tx): Promise<void>;
}

export interface ConsumeOptions {
  /**
   * Also record the event completed in event_outbox (queue mode), in the
   * transaction of the last handler that wants it: that handler's inbox row
   * and the completion commit together, after every earlier handler's
   * transaction committed, so "completed" means every consumer applied it.
   */
  recordCompletion?: boolean;
}

const tracer = trace.getTracer('@tenantry/outbox');

const handles = (handler: EventHandler, type: string) =>
  handler.eventTypes === '*' || handler.eventTypes.includes(type);

/**
 * The event types these handlers take, for the relay: an event of any other
 * type is completed when it is claimed instead of being dispatched to nobody.
 */
export const consumedEventTypes = (handlers: readonly EventHandler[]): ConsumedTypes =>
  handlers.some((handler) => handler.eventTypes === '*')
    ? '*'
    : [...new Set(handlers.flatMap((handler) => handler.eventTypes))];

/**
 * Applies an event to every handler that wants it. Each handler's inbox row and
 * effect commit together, so a redelivered event (a retry, a stalled job, a
 * crashed worker) is skipped by the handlers that already applied it.
 */
export const consumeEvent = (
  router: TenancyRouter,
  handlers: readonly EventHandler[],
  event: EventEnvelope,
  options: ConsumeOptions = {},
): Promise<void> =>
  context.with(contextFromCarrier(event.trace), () =>
    tracer.startActiveSpan(
      `consume ${event.type}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: { 'tenantry.event_id': event.event_id, 'tenantry.tenant_id': event.tenant_id ?? '' },
      },
      async (span) => {
        try {
          const tenantId = event.tenant_id ?? platformTenantId;
          const ref = { tenantId, eventId: event.event_id };
          const wanted = handlers.filter((handler) => handles(handler, event.type));
          if (wanted.length === 0) {
            // Nobody takes it (a job queued before its consumer went away): done as it is.
            if (options.recordCompletion) await router.withTenant(tenantId, (tx) => markCompleted(tx, ref));
            return;
          }
          for (const [index, handler] of wanted.entries()) {
            await router.withTenant(tenantId, async (tx) => {
              const fresh = await claimInbox(tx, {
                tenantId,
                consumer: handler.consumer,
                eventId: event.event_id,
              });
              if (fresh) await handler.handle(event, tx);
              // Last, so the outbox row is locked only for the commit: the relay's
              // mark of a batch that holds this row never waits on a whole handler.
              if (options.recordCompletion && index === wanted.length - 1) await markCompleted(tx, ref);
            });
          }
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    ),
  );
