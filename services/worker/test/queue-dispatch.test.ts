import { newId } from '@tenantry/core';
import { createDatabaseRuntime, type DatabaseRuntime } from '@tenantry/db';
import { findEvent, listFailedEvents, retryFailedEvent } from '@tenantry/outbox';
import { migrationPlan } from '@tenantry/platform';
import { createTestDatabase, type TestDatabase, testRedisUrl } from '@tenantry/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkerHttp, createWorkerRuntime, type WorkerRuntime, workerConfigFromEnv } from '../src';
import { appliedKeys, effectHandler, emit, uniquePrefix, waitFor } from './support';

describe('worker with BullMQ on Redis', () => {
  let database: TestDatabase;
  let db: DatabaseRuntime;
  let runtime: WorkerRuntime;
  let poisoned = true;
  const tenant = newId();

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDatabaseRuntime(database.config, migrationPlan);
    runtime = createWorkerRuntime({
      config: {
        ...workerConfigFromEnv({}),
        redisUrl: testRedisUrl(),
        queuePrefix: uniquePrefix(),
        retry: { maxAttempts: 3, backoffMs: 20 },
      },
      db,
      handlers: [effectHandler({ failWhile: (event) => poisoned && event.type === 'test.poison' })],
      logger: pino({ level: 'silent' }),
    });
    runtime.start();
  });
  afterAll(async () => {
    await runtime?.stop();
    await db?.close();
    await database?.drop();
  });

  it('applies each committed event once through the outbox-dispatch queue', async () => {
    const events = await Promise.all(Array.from({ length: 40 }, () => emit(db, tenant)));
    await waitFor(async () => (await appliedKeys(db, tenant)).length >= events.length, 20_000, 'all applied');
    const applied = await appliedKeys(db, tenant);
    expect(applied.sort()).toEqual(events.map((event) => event.event_id).sort());
    const row = await db.router.withTenant(tenant, (tx) =>
      findEvent(tx, { tenantId: tenant, eventId: events[0]?.event_id as string }),
    );
    expect(row?.status).toBe('dispatched');
    await waitFor(
      async () =>
        Boolean(
          (
            await db.router.withTenant(tenant, (tx) =>
              findEvent(tx, { tenantId: tenant, eventId: events[0]?.event_id as string }),
            )
          )?.completedAt,
        ),
      5_000,
      'completion recorded',
    );
  });

  it('lands a poison event in failed with its error after its retries, and an operator retry applies it', async () => {
    const poison = await emit(db, tenant, 'test.poison');
    const healthy = await emit(db, tenant, 'test.healthy');
    const ref = { tenantId: tenant, eventId: poison.event_id };
    await waitFor(
      async () => (await db.router.withTenant(tenant, (tx) => findEvent(tx, ref)))?.status === 'failed',
      20_000,
      'poison failed',
    );
    expect(await appliedKeys(db, tenant)).toContain(healthy.event_id);
    const failed = await db.router.withTenant(tenant, (tx) => findEvent(tx, ref));
    expect(failed?.attempts).toBe(3);
    expect(failed?.lastError).toContain('cannot apply test.poison');
    expect((await listFailedEvents(db.router)).map((event) => event.eventId)).toContain(poison.event_id);

    poisoned = false;
    expect(await retryFailedEvent(db.router, runtime.dispatcher, ref)).toBe(true);
    await waitFor(
      async () => (await appliedKeys(db, tenant)).includes(poison.event_id),
      20_000,
      'retry applied',
    );
  });

  it('exposes outbox and queue gauges on /metrics', async () => {
    const http = await buildWorkerHttp({ db, queues: runtime.queues });
    try {
      const metrics = (await http.inject({ method: 'GET', url: '/metrics' })).body;
      expect(metrics).toMatch(/^tenantry_outbox_pending_events \d+/m);
      expect(metrics).toMatch(/^tenantry_outbox_oldest_pending_age_seconds \d+/m);
      expect(metrics).toMatch(/^tenantry_queue_jobs\{queue="outbox-dispatch",state="waiting"\} \d+/m);
      expect(metrics).toMatch(/^tenantry_db_pool_connections\{state="total"\} \d+/m);
      expect((await http.inject({ method: 'GET', url: '/health' })).json()).toEqual({
        data: { status: 'ok' },
      });
    } finally {
      await http.close();
    }
  });
});
