import { findEvent } from '@tenantry/outbox';
import { testRedisUrl, useTestDatabase } from '@tenantry/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { effectCounts } from './faults/counting-effect';
import { startEventStream } from './faults/event-stream';
import { expectExactlyOnce } from './faults/expect-exactly-once';
import { type InProcessWorker, startInProcessWorker } from './faults/in-process-worker';
import { provisionLoadTenants } from './faults/load-tenants';
import { settleAndReport, waitUntilSettled } from './faults/settle';
import { openSlowTransaction } from './faults/slow-transaction';
import { waitFor } from './support';

describe('outbox under load: a slow transaction commits after later ones', () => {
  const db = useTestDatabase();
  let worker: InProcessWorker | undefined;
  afterAll(async () => {
    await worker?.stop();
  });

  /** Effects, over every tenant, of events whose (time-ordered) id comes after `eventId`. */
  const appliedAfter = async (tenants: readonly string[], eventId: string) => {
    let applied = 0;
    for (const tenant of tenants) {
      for (const id of (await effectCounts(db, tenant)).keys()) if (id > eventId) applied++;
    }
    return applied;
  };
  const appliedTimes = async (tenant: string, eventId: string) =>
    (await effectCounts(db, tenant)).get(eventId) ?? 0;
  const timeToApply = async (tenant: string, eventId: string) => {
    const started = Date.now();
    await waitFor(async () => (await appliedTimes(tenant, eventId)) > 0, 30_000, 'the slow event');
    return Date.now() - started;
  };

  it('applies an event committed after later ones exactly once, and never one rolled back', async () => {
    const { tenants } = await provisionLoadTenants(db);
    const [sharedTenant, otherTenant, , schemaTenant] = tenants as [string, string, string, string];
    worker = await startInProcessWorker({
      database: db.config,
      applicationName: 'tenantry-faults-slow',
      config: { redisUrl: testRedisUrl() },
    });
    const stream = startEventStream(db, { tenants, events: 2_000, producers: 4, perSecond: 100 });
    await stream.reached(100);
    // Appended early, committed late: mid-stream, and once the relay has gone idle.
    const slowMidStream = openSlowTransaction(db, sharedTenant);
    const slowUntilIdle = openSlowTransaction(db, schemaTenant);
    const rolledBack = openSlowTransaction(db, otherTenant);
    try {
      const midEvent = await slowMidStream.appended;
      const idleEvent = await slowUntilIdle.appended;
      const rolledBackEvent = await rolledBack.appended;
      const openedAt = Date.now();

      // A relay reading past a high-water mark would skip these once later events are drained.
      await waitFor(
        async () => (await appliedAfter(tenants, midEvent.event_id)) >= 800,
        90_000,
        'later events',
      );
      const laterAppliedBeforeCommit = await appliedAfter(tenants, midEvent.event_id);
      expect(await appliedTimes(sharedTenant, midEvent.event_id)).toBe(0);
      await slowMidStream.commit();
      const heldOpenMs = Date.now() - openedAt;
      await rolledBack.rollback();
      const midStreamApplyMs = await timeToApply(sharedTenant, midEvent.event_id);

      await stream.finished;
      const streamEvents = stream.committedCount() + 1;
      expect(await waitUntilSettled(db, streamEvents, 60_000)).not.toBeNull();
      const laterAppliedBeforeIdleCommit = await appliedAfter(tenants, idleEvent.event_id);
      await slowUntilIdle.commit();
      const idleApplyMs = await timeToApply(schemaTenant, idleEvent.event_id);

      const committed = new Map(stream.committed);
      committed.set(sharedTenant, [...(committed.get(sharedTenant) ?? []), midEvent.event_id]);
      committed.set(schemaTenant, [...(committed.get(schemaTenant) ?? []), idleEvent.event_id]);
      const settled = await settleAndReport('slow-transaction', db, committed, {
        boundMs: 60_000,
        details: () => ({
          heldOpenMs,
          laterAppliedBeforeCommit,
          midStreamApplyMs,
          laterAppliedBeforeIdleCommit,
          idleApplyMs,
        }),
      });
      expectExactlyOnce(settled);
      expect(await appliedTimes(sharedTenant, midEvent.event_id)).toBe(1);
      expect(await appliedTimes(schemaTenant, idleEvent.event_id)).toBe(1);
      // Rolled back: no outbox row, so nothing to relay and no effect.
      expect(await appliedTimes(otherTenant, rolledBackEvent.event_id)).toBe(0);
      expect(
        await db.router.withTenant(otherTenant, (tx) =>
          findEvent(tx, { tenantId: otherTenant, eventId: rolledBackEvent.event_id }),
        ),
      ).toBeUndefined();
    } finally {
      await stream.stop();
      // An open transaction would hold its connection and keep the database from closing; after a commit this is a no-op.
      await Promise.all(
        [slowMidStream, slowUntilIdle, rolledBack].map((transaction) => transaction.rollback()),
      );
    }
  });
});
