import { newId } from '@tenantry/core';
import { findEvent, listFailedEvents, recordCompletion, recordDispatchFailure } from '@tenantry/outbox';
import { testRedisUrl, useTestDatabase } from '@tenantry/testing';
import { describe, expect, it } from 'vitest';
import { exitOf, startWorkerNode } from './process-support';
import { appliedKeys, emit, uniquePrefix, waitFor } from './support';

/** Jobs in the hands of workers that die: deaths are not the event's fault. */
describe('outbox jobs held by dying workers', () => {
  const db = useTestDatabase();

  it('keeps a job through two worker deaths in a row and applies its event once', async () => {
    const tenant = newId();
    const env = {
      DATABASE_URL: db.config.ownerUrl as string,
      DATABASE_APP_URL: db.config.appUrl as string,
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: uniquePrefix(),
      JOB_LOCK_MS: '1000',
    };
    // `crash`: every delivery applies the effect, then SIGKILLs its worker before the job is acknowledged.
    const first = await startWorkerNode({ ...env, FIXTURE_MODE: 'crash' });
    const event = await emit(db, tenant);
    expect((await exitOf(first)).signal).toBe('SIGKILL');
    // The next worker takes the stalled job once its lock lapses, and dies the same way.
    const second = await startWorkerNode({ ...env, FIXTURE_MODE: 'crash' });
    expect((await exitOf(second)).signal).toBe('SIGKILL');

    const third = await startWorkerNode(env);
    try {
      const ref = { tenantId: tenant, eventId: event.event_id };
      await waitFor(
        async () => Boolean((await db.router.withTenant(tenant, (tx) => findEvent(tx, ref)))?.completedAt),
        60_000,
        'the twice-stalled job to complete',
      );
      const row = await db.router.withTenant(tenant, (tx) => findEvent(tx, ref));
      expect(row?.status).toBe('dispatched');
      expect(await appliedKeys(db, tenant)).toEqual([event.event_id]);
    } finally {
      third.kill('SIGTERM');
      await exitOf(third);
    }
  }, 120_000);

  it('leaves an applied event completed when its job is given up afterwards, and fails one that was not', async () => {
    const tenant = newId();
    const applied = await emit(db, tenant);
    const unapplied = await emit(db, tenant);
    const refOf = (eventId: string) => ({ tenantId: tenant, eventId });
    const failure = { error: 'UnrecoverableError: job stalled more than allowable limit', attempts: 1 };
    // Its worker recorded the completion, then died before acknowledging the job; BullMQ gives that job up.
    await recordCompletion(db.router, refOf(applied.event_id));
    await recordDispatchFailure(db.router, refOf(applied.event_id), failure);
    await recordDispatchFailure(db.router, refOf(unapplied.event_id), failure);

    const statusOf = async (eventId: string) =>
      (await db.router.withTenant(tenant, (tx) => findEvent(tx, refOf(eventId))))?.status;
    expect(await statusOf(applied.event_id)).toBe('pending');
    expect(await statusOf(unapplied.event_id)).toBe('failed');
    const failed = (await listFailedEvents(db.router)).map((event) => event.eventId);
    expect(failed).toContain(unapplied.event_id);
    expect(failed).not.toContain(applied.event_id);
  });
});
