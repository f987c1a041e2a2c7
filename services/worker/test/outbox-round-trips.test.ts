import { newId } from '@tenantry/core';
import { createDatabaseRuntime, type DatabaseRuntime } from '@tenantry/db';
import { findEvent, queueNames } from '@tenantry/outbox';
import { migrationPlan } from '@tenantry/platform';
import { createTestDatabase, type TestDatabase, testRedisUrl } from '@tenantry/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerRuntime, type WorkerRuntime, workerConfigFromEnv } from '../src';
import { appliedKeys, effectHandler, emit, uniquePrefix, waitFor } from './support';

/** What an event costs the queue-mode worker: no job for nobody, no transaction for the completion. */
describe('worker outbox round trips', () => {
  let database: TestDatabase;
  let db: DatabaseRuntime;
  let runtime: WorkerRuntime;
  /** Tenant transactions the worker opened, by tenant. */
  const transactions = new Map<string, number>();

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDatabaseRuntime(database.config, migrationPlan);
    const router = db.router;
    runtime = createWorkerRuntime({
      config: {
        ...workerConfigFromEnv({}),
        redisUrl: testRedisUrl(),
        queuePrefix: uniquePrefix(),
        retry: { maxAttempts: 3, backoffMs: 20 },
      },
      db: {
        ...db,
        router: {
          ...router,
          withTenant: (tenantId, fn) => {
            transactions.set(tenantId, (transactions.get(tenantId) ?? 0) + 1);
            return router.withTenant(tenantId, fn);
          },
        },
      },
      handlers: [effectHandler({ eventTypes: ['test.wanted'] })],
      logger: pino({ level: 'silent' }),
    });
    runtime.start();
  });
  afterAll(async () => {
    await runtime?.stop();
    await db?.close();
    await database?.drop();
  });

  const rowOf = (tenantId: string, eventId: string) =>
    db.router.withTenant(tenantId, (tx) => findEvent(tx, { tenantId, eventId }));
  const outboxQueue = () => runtime.queues.find((queue) => queue.name === queueNames.outboxDispatch);

  it('completes an event no handler takes when it relays it, without a job', async () => {
    const tenant = newId();
    const unwanted = await emit(db, tenant, 'test.unwanted');
    const wanted = await emit(db, tenant, 'test.wanted');
    await waitFor(
      async () => Boolean((await rowOf(tenant, wanted.event_id))?.completedAt),
      20_000,
      'the wanted event completed',
    );
    const row = await rowOf(tenant, unwanted.event_id);
    expect(row?.status).toBe('dispatched');
    expect(row?.completedAt).toBeInstanceOf(Date);
    expect(await outboxQueue()?.getJob(unwanted.event_id)).toBeUndefined();
    expect((await outboxQueue()?.getJob(wanted.event_id))?.name).toBe('test.wanted');
    expect(await appliedKeys(db, tenant)).toEqual([wanted.event_id]);
  });

  it('applies an event and records its completion in one tenant transaction', async () => {
    const tenant = newId();
    const event = await emit(db, tenant, 'test.wanted');
    await waitFor(
      async () => Boolean((await rowOf(tenant, event.event_id))?.completedAt),
      20_000,
      'completed',
    );
    const job = outboxQueue()?.getJob(event.event_id);
    await waitFor(async () => (await (await job)?.getState()) === 'completed', 5_000, 'job done');
    expect(transactions.get(tenant)).toBe(1);
    expect(await appliedKeys(db, tenant)).toEqual([event.event_id]);
  });
});
