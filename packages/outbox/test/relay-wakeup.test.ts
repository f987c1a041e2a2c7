import { newId } from '@tenantry/core';
import { useTestDatabase } from '@tenantry/testing';
import { describe, expect, it } from 'vitest';
import { appendEvent, createInProcessDispatcher, createRelay, listenForOutbox } from '../src';
import { appliedCount, emit, ids, recordingHandler } from './support';

const waitFor = async (check: () => Promise<boolean>, ms: number) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
};

describe('relay woken by committed events', () => {
  const db = useTestDatabase();
  const tenant = newId();

  // Idle polling every minute: only the commit's notification can bring the event in time.
  const sleepyRelay = () =>
    createRelay({
      router: db.router,
      dispatcher: createInProcessDispatcher(db.router, [recordingHandler()]),
      idleMs: [60_000, 60_000],
    });

  it('relays an event within moments of its commit, not at the next poll', async () => {
    const relay = sleepyRelay();
    relay.start();
    const woken: number[] = [];
    const listener = listenForOutbox(db.config.ownerUrl as string, () => {
      woken.push(Date.now());
      relay.wake();
    });
    try {
      // The listener announces itself once connected (it wakes the relay then too).
      expect(await waitFor(async () => woken.length > 0, 10_000)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 200)); // the relay is asleep now
      const event = await emit(db, tenant, 'test.woken');
      expect(await waitFor(async () => (await appliedCount(db, tenant, event.event_id)) === 1, 5_000)).toBe(
        true,
      );
      expect(woken.length).toBeGreaterThanOrEqual(2);
    } finally {
      await listener.close();
      await relay.stop();
    }
  });

  it('notifies for schema-mode tenants, whose outbox lives in their own schema', async () => {
    const schemaTenant = newId();
    await db.provisionTenant(schemaTenant, 'schema');
    const relay = sleepyRelay();
    relay.start();
    let connected = false;
    const listener = listenForOutbox(db.config.ownerUrl as string, () => {
      connected = true;
      relay.wake();
    });
    try {
      expect(await waitFor(async () => connected, 10_000)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const event = await emit(db, schemaTenant, 'test.woken');
      expect(
        await waitFor(async () => (await appliedCount(db, schemaTenant, event.event_id)) === 1, 5_000),
      ).toBe(true);
    } finally {
      await listener.close();
      await relay.stop();
    }
  });

  it('does not notify for a rolled-back transaction', async () => {
    const notes: number[] = [];
    const listener = listenForOutbox(db.config.ownerUrl as string, () => notes.push(Date.now()));
    try {
      expect(await waitFor(async () => notes.length > 0, 10_000)).toBe(true);
      const before = notes.length;
      await expect(
        db.router.withTenant(tenant, async (tx) => {
          await appendEvent(
            tx,
            { tenantId: tenant, type: 'test.kept-out', entityId: newId(), data: {} },
            ids,
          );
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(notes.length).toBe(before);
      // The same wait is long enough to hear a commit.
      await emit(db, tenant, 'test.kept');
      expect(await waitFor(async () => notes.length === before + 1, 5_000)).toBe(true);
    } finally {
      await listener.close();
    }
  });
});
