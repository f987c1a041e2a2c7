import { randomBytes } from 'node:crypto';
import { type EventEnvelope, newId, systemClock } from '@tenantry/core';
import { type DatabaseRuntime, type Tx, tenantSettings } from '@tenantry/db';
import { appendEvent, type EventHandler } from '@tenantry/outbox';
import { like } from 'drizzle-orm';

/** Each test gets its own queue keys in the shared Redis. */
export const uniquePrefix = () => `tenantry-test-${randomBytes(5).toString('hex')}`;

/** Effect: one tenant_settings row per applied event, so "exactly once" can be counted. */
export const effectHandler = (
  options: { failWhile?: (event: EventEnvelope) => boolean; eventTypes?: EventHandler['eventTypes'] } = {},
): EventHandler => ({
  consumer: 'test.effect',
  eventTypes: options.eventTypes ?? '*',
  async handle(event: EventEnvelope, tx: Tx) {
    if (options.failWhile?.(event)) throw new Error(`cannot apply ${event.type}`);
    await tx.insert(tenantSettings).values({
      tenantId: event.tenant_id as string,
      key: `applied:${event.event_id}`,
      value: { type: event.type },
    });
  },
});

export const appliedKeys = (db: DatabaseRuntime, tenantId: string) =>
  db.router.withTenant(tenantId, async (tx) =>
    (
      await tx
        .select({ key: tenantSettings.key })
        .from(tenantSettings)
        .where(like(tenantSettings.key, 'applied:%'))
    ).map((row) => row.key.slice('applied:'.length)),
  );

export const emit = (db: DatabaseRuntime, tenantId: string, type = 'test.happened') =>
  db.router.withTenant(tenantId, (tx) =>
    appendEvent(tx, { tenantId, type, entityId: newId(), data: {} }, { clock: systemClock, newId }),
  );

export const waitFor = async (condition: () => Promise<boolean>, timeoutMs = 20_000, label = 'condition') => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${label}`);
};
