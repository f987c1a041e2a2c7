import { newId } from '@tenantry/core';
import type { TenancyRouter } from '@tenantry/db';
import { useTestDatabase } from '@tenantry/testing';
import { describe, expect, it } from 'vitest';
import { consumeEvent, findEvent, listFailedEvents, recordDispatchFailure } from '../src';
import { appliedCount, emit, recordingHandler } from './support';

/** Queue mode's completion: written by the last handler's transaction, not by one of its own. */
describe('consumeEvent recording completion', () => {
  const db = useTestDatabase();

  /** The router, counting the tenant transactions it opens. */
  const countingRouter = () => {
    const counted = { transactions: 0, router: undefined as unknown as TenancyRouter };
    counted.router = {
      ...db.router,
      withTenant: (tenantId, fn) => {
        counted.transactions++;
        return db.router.withTenant(tenantId, fn);
      },
    };
    return counted;
  };
  const rowOf = (tenantId: string, eventId: string) =>
    db.router.withTenant(tenantId, (tx) => findEvent(tx, { tenantId, eventId }));

  it('records the completion in the one transaction of a single handler', async () => {
    const tenant = newId();
    const event = await emit(db, tenant, 'test.single');
    const counted = countingRouter();
    await consumeEvent(counted.router, [recordingHandler()], event, { recordCompletion: true });
    expect(counted.transactions).toBe(1);
    expect(await appliedCount(db, tenant, event.event_id)).toBe(1);
    expect((await rowOf(tenant, event.event_id))?.completedAt).toBeInstanceOf(Date);
  });

  it('commits the completion with the inbox row and the effect, or none of them', async () => {
    const tenant = newId();
    const event = await emit(db, tenant, 'test.lost-commit');
    // Every statement of the handler's transaction runs, then its commit is lost (a dropped connection).
    const lostCommit: TenancyRouter = {
      ...db.router,
      withTenant: (tenantId, fn) =>
        db.router.withTenant(tenantId, async (tx) => {
          await fn(tx);
          throw new Error('connection lost before commit');
        }),
    };
    const handler = recordingHandler();
    await expect(consumeEvent(lostCommit, [handler], event, { recordCompletion: true })).rejects.toThrow(
      'connection lost before commit',
    );
    expect(await appliedCount(db, tenant, event.event_id)).toBe(0);
    expect((await rowOf(tenant, event.event_id))?.completedAt).toBeNull();

    // The redelivery applies it once and completes it.
    await consumeEvent(db.router, [handler], event, { recordCompletion: true });
    await consumeEvent(db.router, [handler], event, { recordCompletion: true });
    expect(handler.calls).toBe(2);
    expect(await appliedCount(db, tenant, event.event_id)).toBe(1);
    expect((await rowOf(tenant, event.event_id))?.completedAt).toBeInstanceOf(Date);
  });

  it('completes an event of several consumers only once the last of them applied it', async () => {
    const tenant = newId();
    const event = await emit(db, tenant, 'test.two-consumers');
    let broken = true;
    const first = recordingHandler('test.first');
    const second = recordingHandler('test.second', { failWhile: () => broken });
    const counted = countingRouter();
    await expect(
      consumeEvent(counted.router, [first, second], event, { recordCompletion: true }),
    ).rejects.toThrow('poisoned');
    expect(await appliedCount(db, tenant, event.event_id, 'test.first')).toBe(1);
    expect((await rowOf(tenant, event.event_id))?.completedAt).toBeNull();

    broken = false;
    await consumeEvent(counted.router, [first, second], event, { recordCompletion: true });
    // One transaction per consumer and attempt, none for the completion.
    expect(counted.transactions).toBe(4);
    expect(first.calls).toBe(1);
    expect(await appliedCount(db, tenant, event.event_id, 'test.first')).toBe(1);
    expect(await appliedCount(db, tenant, event.event_id, 'test.second')).toBe(1);
    expect((await rowOf(tenant, event.event_id))?.completedAt).toBeInstanceOf(Date);
  });

  it('completes an event no handler takes in a transaction of its own', async () => {
    const tenant = newId();
    const event = await emit(db, tenant, 'test.nobody');
    const wanted = recordingHandler('test.recorder', { eventTypes: ['test.other'] });
    const counted = countingRouter();
    await consumeEvent(counted.router, [wanted], event, { recordCompletion: true });
    expect(counted.transactions).toBe(1);
    expect(wanted.calls).toBe(0);
    expect((await rowOf(tenant, event.event_id))?.completedAt).toBeInstanceOf(Date);
  });

  it('records nothing in the outbox without recordCompletion (the email-send job, in-process)', async () => {
    const tenant = newId();
    const event = await emit(db, tenant, 'test.no-completion');
    await consumeEvent(db.router, [recordingHandler()], event);
    expect(await appliedCount(db, tenant, event.event_id)).toBe(1);
    expect((await rowOf(tenant, event.event_id))?.completedAt).toBeNull();
  });

  it('leaves a completed event alone when its job is given up afterwards, and fails a half-applied one', async () => {
    const tenant = newId();
    const applied = await emit(db, tenant, 'test.applied');
    const halfApplied = await emit(db, tenant, 'test.half-applied');
    const first = recordingHandler('test.first');
    const second = recordingHandler('test.second', {
      failWhile: (event) => event.type === 'test.half-applied',
    });
    await consumeEvent(db.router, [first, second], applied, { recordCompletion: true });
    await expect(
      consumeEvent(db.router, [first, second], halfApplied, { recordCompletion: true }),
    ).rejects.toThrow('poisoned');
    // Both jobs given up, e.g. their workers died before acknowledging them once too often.
    const failure = { error: 'UnrecoverableError: job stalled more than allowable limit', attempts: 5 };
    await recordDispatchFailure(db.router, { tenantId: tenant, eventId: applied.event_id }, failure);
    await recordDispatchFailure(db.router, { tenantId: tenant, eventId: halfApplied.event_id }, failure);

    expect((await rowOf(tenant, applied.event_id))?.status).not.toBe('failed');
    expect((await rowOf(tenant, halfApplied.event_id))?.status).toBe('failed');
    const failed = (await listFailedEvents(db.router)).map((event) => event.eventId);
    expect(failed).toContain(halfApplied.event_id);
    expect(failed).not.toContain(applied.event_id);
  });
});
