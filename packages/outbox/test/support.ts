import { type EventEnvelope, newId, systemClock } from '@tenantry/core';
import { type DatabaseRuntime, type Tx, tenantSettings } from '@tenantry/db';
import { eq } from 'drizzle-orm';
import { appendEvent, type EventHandler } from '../src';

export const ids = { clock: systemClock, newId };

/** A consumer whose effect is a row per event, so "applied once" can be counted. */
export const recordingHandler = (
  consumer = 'test.recorder',
  options: { failWhile?: (event: EventEnvelope) => boolean; eventTypes?: EventHandler['eventTypes'] } = {},
): EventHandler & { calls: number } => {
  const handler = {
    consumer,
    eventTypes: options.eventTypes ?? '*',
    calls: 0,
    async handle(event: EventEnvelope, tx: Tx) {
      handler.calls += 1;
      if (options.failWhile?.(event)) throw new Error(`poisoned ${event.type}`);
      await tx.insert(tenantSettings).values({
        tenantId: event.tenant_id as string,
        key: `applied:${consumer}:${event.event_id}`,
        value: event.data as object,
      });
    },
  };
  return handler;
};

export const appliedCount = (
  db: DatabaseRuntime,
  tenantId: string,
  eventId: string,
  consumer = 'test.recorder',
) =>
  db.router.withTenant(
    tenantId,
    async (tx) =>
      (
        await tx
          .select()
          .from(tenantSettings)
          .where(eq(tenantSettings.key, `applied:${consumer}:${eventId}`))
      ).length,
  );

export const emit = (
  db: DatabaseRuntime,
  tenantId: string,
  type = 'test.thing.happened',
  data: object = {},
) =>
  db.router.withTenant(tenantId, (tx) => appendEvent(tx, { tenantId, type, entityId: newId(), data }, ids));
