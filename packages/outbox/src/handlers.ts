import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { EventEnvelope } from '@tenantry/core';
import { platformTenantId, type TenancyRouter, type Tx } from '@tenantry/db';
import { claimInbox } from './inbox.repository';
import { contextFromCarrier } from './trace';

/** A consumer of events: applied inside the tenant's transaction, once per event. */
export interface EventHandler {
  /** Stable name: the inbox key. Renaming it replays history to the new name. */
  consumer: string;
  /** Event types handled; '*' for all. */
  eventTypes: readonly string[] | '*';
  handle(event: EventEnvelope, tx: Tx): Promise<void>;
}

const tracer = trace.getTracer('@tenantry/outbox');

const handles = (handler: EventHandler, type: string) =>
  handler.eventTypes === '*' || handler.eventTypes.includes(type);

/**
 * Applies an event to every handler that wants it. Each handler's inbox row and
 * effect commit together, so a redelivered event (a retry, a stalled job, a
 * crashed worker) is skipped by the handlers that already applied it.
 */
export const consumeEvent = (
  router: TenancyRouter,
  handlers: readonly EventHandler[],
  event: EventEnvelope,
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
          for (const handler of handlers) {
            if (!handles(handler, event.type)) continue;
            await router.withTenant(tenantId, async (tx) => {
              const fresh = await claimInbox(tx, {
                tenantId,
                consumer: handler.consumer,
                eventId: event.event_id,
              });
              if (fresh) await handler.handle(event, tx);
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
