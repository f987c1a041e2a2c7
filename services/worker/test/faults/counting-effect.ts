import { newId } from '@tenantry/core';
import { type DatabaseRuntime, queryRows, tenantSettings } from '@tenantry/db';
import type { EventHandler } from '@tenantry/outbox';
import { sql } from 'drizzle-orm';

const effectPrefix = 'effect:';

/**
 * An effect that can be counted: each application writes its own row
 * (`effect:<event id>:<random id>`), so a second application of an event is a
 * second row to count rather than a unique violation that would hide it. Only
 * the inbox stands between a redelivery and a duplicate.
 */
export const countingEffectHandler = (options: { holdMs?: number } = {}): EventHandler => ({
  consumer: 'test.counting-effect',
  eventTypes: '*',
  async handle(event, tx) {
    await tx.insert(tenantSettings).values({
      tenantId: event.tenant_id as string,
      key: `${effectPrefix}${event.event_id}:${newId()}`,
      value: { type: event.type },
    });
    // Holding the transaction open widens the window in which a fault finds it uncommitted.
    if (options.holdMs) await new Promise((resolve) => setTimeout(resolve, options.holdMs));
  },
});

/** How many times each event's effect was applied in a tenant. */
export const effectCounts = async (db: DatabaseRuntime, tenantId: string): Promise<Map<string, number>> => {
  const rows = await db.router.withTenant(tenantId, (tx) =>
    queryRows<{ event_id: string; applied: number }>(
      tx,
      sql`select split_part(key, ':', 2) as event_id, count(*)::int as applied
            from ${tenantSettings}
           where key like ${`${effectPrefix}%`}
           group by 1`,
    ),
  );
  return new Map(rows.map((row) => [row.event_id, row.applied]));
};
