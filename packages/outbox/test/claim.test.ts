import { newId } from '@tenantry/core';
import { relayRole } from '@tenantry/db';
import { useTestDatabase } from '@tenantry/testing';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createInProcessDispatcher,
  createRelay,
  type Dispatcher,
  findEvent,
  listFailedEvents,
  outboxStats,
} from '../src';
import { claimDue } from '../src/outbox.repository';
import { appliedCount, emit, recordingHandler } from './support';

/** Counts the statements this process sends to Postgres (every pool shares pg's Client). */
const useStatementCounter = () => {
  const counter = { statements: 0 };
  const client = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = client.query;
  beforeEach(() => {
    client.query = function (this: unknown, ...args: unknown[]) {
      counter.statements++;
      return query.apply(this, args);
    };
  });
  afterEach(() => {
    client.query = query;
  });
  return counter;
};

describe('relay claim', () => {
  const db = useTestDatabase();
  const counter = useStatementCounter();
  const claim = (limit = 100, leaseMs = 30_000, consumed?: readonly string[]) =>
    db.router.withStorage(null, relayRole, async (tx) => {
      const before = counter.statements;
      const claimed = await claimDue(tx, limit, leaseMs, consumed);
      return { claimed, statements: counter.statements - before };
    });
  const rowOf = (tenantId: string, eventId: string) =>
    db.router.withTenant(tenantId, (tx) => findEvent(tx, { tenantId, eventId }));

  it('claims due events in one statement, in the order they fell due, and leases them', async () => {
    const tenant = newId();
    const events = [];
    for (let index = 0; index < 3; index++) events.push(await emit(db, tenant, `test.claim.${index}`));
    const { claimed, statements } = await claim();
    expect(statements).toBe(1);
    const ids = claimed.map((event) => event.envelope.event_id);
    expect(ids).toEqual(events.map((event) => event.event_id));
    expect(claimed.every((event) => !event.completed && event.attempts === 0)).toBe(true);
    expect(claimed[0]?.envelope).toMatchObject({ type: 'test.claim.0', tenant_id: tenant });

    // Leased: still pending, but not due again until the lease ends.
    const row = await rowOf(tenant, events[0]?.event_id as string);
    expect(row?.status).toBe('pending');
    expect(row?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect((await claim()).claimed).toEqual([]);
  });

  it('skips the rows a concurrent claim holds, and takes no more than its limit', async () => {
    const tenant = newId();
    for (let index = 0; index < 4; index++) await emit(db, tenant, 'test.concurrent');
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let claimedFirst = () => {};
    const firstClaimed = new Promise<void>((resolve) => (claimedFirst = resolve));
    const first = db.router.withStorage(null, relayRole, async (tx) => {
      const claimed = await claimDue(tx, 2, 30_000);
      claimedFirst();
      await held;
      return claimed;
    });
    await firstClaimed;
    const second = await claim(10);
    release();
    const firstIds = (await first).map((event) => event.envelope.event_id);
    const secondIds = second.claimed.map((event) => event.envelope.event_id);
    expect(firstIds).toHaveLength(2);
    expect(secondIds).toHaveLength(2);
    expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
  });

  it('completes the events no consumer takes as it claims them', async () => {
    const tenant = newId();
    const wanted = await emit(db, tenant, 'test.wanted');
    const unwanted = await emit(db, tenant, 'test.unwanted');
    const { claimed, statements } = await claim(100, 30_000, ['test.wanted']);
    expect(statements).toBe(1);
    expect(claimed.map((event) => [event.envelope.event_id, event.completed])).toEqual([
      [wanted.event_id, false],
      [unwanted.event_id, true],
    ]);
    expect(await rowOf(tenant, wanted.event_id)).toMatchObject({ status: 'pending', completedAt: null });
    const done = await rowOf(tenant, unwanted.event_id);
    expect(done).toMatchObject({ status: 'dispatched', attempts: 0 });
    expect(done?.completedAt).toBeInstanceOf(Date);
    expect(done?.dispatchedAt).toEqual(done?.completedAt);
  });
});

describe('relay with the consumed event types', () => {
  const db = useTestDatabase();

  /** The in-process dispatcher, remembering which events it was handed. */
  const watchedDispatcher = (handlers = [recordingHandler()]) => {
    const inner = createInProcessDispatcher(db.router, handlers);
    const handed: string[] = [];
    const dispatcher: Dispatcher = {
      kind: inner.kind,
      dispatch(events) {
        handed.push(...events.map((event) => event.event_id));
        return inner.dispatch(events);
      },
      forget: (eventId) => inner.forget(eventId),
    };
    return { dispatcher, handed };
  };

  it('hands on only the events a consumer takes; the others are completed, not pending or failed', async () => {
    const tenant = newId();
    const handler = recordingHandler('test.recorder', { eventTypes: ['test.wanted'] });
    const { dispatcher, handed } = watchedDispatcher([handler]);
    const relay = createRelay({ router: db.router, dispatcher, consumedTypes: ['test.wanted'] });
    const wanted = await emit(db, tenant, 'test.wanted');
    const unwanted = await emit(db, tenant, 'test.unwanted');
    expect(await relay.drain()).toBe(2);

    expect(handed).toEqual([wanted.event_id]);
    expect(await appliedCount(db, tenant, wanted.event_id)).toBe(1);
    for (const event of [wanted, unwanted]) {
      const row = await db.router.withTenant(tenant, (tx) =>
        findEvent(tx, { tenantId: tenant, eventId: event.event_id }),
      );
      expect(row?.status).toBe('dispatched');
      expect(row?.completedAt).toBeInstanceOf(Date);
    }
    expect(await outboxStats(db.router)).toMatchObject({ pending: 0, failed: 0 });
    expect((await listFailedEvents(db.router)).map((event) => event.eventId)).not.toContain(
      unwanted.event_id,
    );
  });

  it('hands on nothing when no consumer takes anything, and everything by default', async () => {
    const tenant = newId();
    const none = watchedDispatcher();
    await emit(db, tenant, 'test.anything');
    expect(
      await createRelay({ router: db.router, dispatcher: none.dispatcher, consumedTypes: [] }).drain(),
    ).toBe(1);
    expect(none.handed).toEqual([]);

    const all = watchedDispatcher();
    const event = await emit(db, tenant, 'test.anything');
    await createRelay({ router: db.router, dispatcher: all.dispatcher }).drain();
    expect(all.handed).toEqual([event.event_id]);
  });
});
