import { newId } from '@tenantry/core';
import { useTestDatabase } from '@tenantry/testing';
import { describe, expect, it } from 'vitest';
import {
  appendEvent,
  consumeEvent,
  createInProcessDispatcher,
  createRelay,
  findEvent,
  listFailedEvents,
  outboxStats,
  retryFailedEvent,
} from '../src';
import { appliedCount, emit, ids, recordingHandler } from './support';

describe('transactional outbox (in-process dispatch)', () => {
  const db = useTestDatabase();
  const tenant = newId();

  const relayWith = (handlers = [recordingHandler()]) =>
    createRelay({
      router: db.router,
      dispatcher: createInProcessDispatcher(db.router, handlers),
      retry: { maxAttempts: 3, backoffMs: 1 },
    });

  it('emits nothing from a rolled-back transaction and delivers a committed one once', async () => {
    const rolledBack = new Error('rollback');
    let lostId = '';
    await expect(
      db.router.withTenant(tenant, async (tx) => {
        lostId = (
          await appendEvent(tx, { tenantId: tenant, type: 'test.lost', entityId: 'x', data: {} }, ids)
        ).event_id;
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    const kept = await emit(db, tenant, 'test.kept');

    const handler = recordingHandler();
    const relay = relayWith([handler]);
    await relay.drain();
    await relay.drain();
    expect(await appliedCount(db, tenant, kept.event_id)).toBe(1);
    expect(await appliedCount(db, tenant, lostId)).toBe(0);
    expect(
      await db.router.withTenant(tenant, (tx) => findEvent(tx, { tenantId: tenant, eventId: lostId })),
    ).toBe(undefined);
    const row = await db.router.withTenant(tenant, (tx) =>
      findEvent(tx, { tenantId: tenant, eventId: kept.event_id }),
    );
    expect(row?.status).toBe('dispatched');
  });

  it('applies an event delivered twice only once', async () => {
    const event = await emit(db, tenant, 'test.twice');
    const handler = recordingHandler();
    await consumeEvent(db.router, [handler], event);
    await consumeEvent(db.router, [handler], event);
    expect(handler.calls).toBe(1);
    expect(await appliedCount(db, tenant, event.event_id)).toBe(1);
  });

  it('relays the event of a slow transaction that commits after a later one', async () => {
    const handler = recordingHandler();
    const relay = relayWith([handler]);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let appended = () => {};
    const appendedSlow = new Promise<void>((resolve) => (appended = resolve));
    const slow = db.router.withTenant(tenant, async (tx) => {
      const event = await appendEvent(
        tx,
        { tenantId: tenant, type: 'test.slow', entityId: 's', data: {} },
        ids,
      );
      appended();
      await held;
      return event;
    });
    await appendedSlow;
    const fast = await emit(db, tenant, 'test.fast');
    await relay.drain();
    expect(await appliedCount(db, tenant, fast.event_id)).toBe(1);
    release();
    const slowEvent = await slow;
    expect(slowEvent.event_id < fast.event_id).toBe(true);
    await relay.drain();
    expect(await appliedCount(db, tenant, slowEvent.event_id)).toBe(1);
  });

  it('parks a poison event as failed with its error while others flow, and an operator retry applies it', async () => {
    let poisoned = true;
    const handler = recordingHandler('test.recorder', {
      failWhile: (event) => poisoned && event.type === 'test.poison',
    });
    const relay = relayWith([handler]);
    const poison = await emit(db, tenant, 'test.poison');
    const healthy = await emit(db, tenant, 'test.healthy');
    for (let round = 0; round < 10; round++) {
      await relay.drain();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await appliedCount(db, tenant, healthy.event_id)).toBe(1);
    const ref = { tenantId: tenant, eventId: poison.event_id };
    const failed = await db.router.withTenant(tenant, (tx) => findEvent(tx, ref));
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed?.lastError).toContain('poisoned test.poison');
    expect((await listFailedEvents(db.router)).map((event) => event.eventId)).toContain(poison.event_id);
    expect((await outboxStats(db.router)).failed).toBeGreaterThanOrEqual(1);

    poisoned = false;
    expect(await retryFailedEvent(db.router, createInProcessDispatcher(db.router, [handler]), ref)).toBe(
      true,
    );
    await relay.drain();
    expect(await appliedCount(db, tenant, poison.event_id)).toBe(1);
    expect((await db.router.withTenant(tenant, (tx) => findEvent(tx, ref)))?.status).toBe('dispatched');
  });

  it('drains the outboxes of schema- and database-mode tenants too', async () => {
    const schemaTenant = newId();
    const databaseTenant = newId();
    await db.provisionTenant(schemaTenant, 'schema');
    await db.provisionTenant(databaseTenant, 'database');
    const inSchema = await emit(db, schemaTenant);
    const inDatabase = await emit(db, databaseTenant);
    expect((await outboxStats(db.router)).pending).toBeGreaterThanOrEqual(2);
    await relayWith().drain();
    expect(await appliedCount(db, schemaTenant, inSchema.event_id)).toBe(1);
    expect(await appliedCount(db, databaseTenant, inDatabase.event_id)).toBe(1);
    expect((await outboxStats(db.router)).pending).toBe(0);
  });

  it('runs as a loop that picks up new events and stops cleanly', async () => {
    const relay = relayWith();
    relay.start();
    const event = await emit(db, tenant, 'test.looped');
    for (let wait = 0; wait < 100 && (await appliedCount(db, tenant, event.event_id)) === 0; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await relay.stop();
    expect(await appliedCount(db, tenant, event.event_id)).toBe(1);
  });
});
