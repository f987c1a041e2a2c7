import type { ChildProcess } from 'node:child_process';
import { newId } from '@tenantry/core';
import { createDatabaseRuntime, type DatabaseRuntime } from '@tenantry/db';
import { outboxStats } from '@tenantry/outbox';
import { migrationPlan } from '@tenantry/platform';
import { createTestDatabase, freePort, type TestDatabase } from '@tenantry/testing';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerRuntime, type WorkerRuntime, workerConfigFromEnv } from '../src';
import { launchRedis } from './faults/redis-server';
import { appliedKeys, effectHandler, emit, uniquePrefix, waitFor } from './support';

describe('worker across a Redis restart', () => {
  let database: TestDatabase;
  let db: DatabaseRuntime;
  let runtime: WorkerRuntime;
  let redis: ChildProcess;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDatabaseRuntime(database.config, migrationPlan);
    port = await freePort();
    redis = await launchRedis(port);
    runtime = createWorkerRuntime({
      config: {
        ...workerConfigFromEnv({}),
        redisUrl: `redis://127.0.0.1:${port}`,
        queuePrefix: uniquePrefix(),
        retry: { maxAttempts: 5, backoffMs: 50 },
        redispatchAfterMs: 1_500,
      },
      db,
      handlers: [effectHandler()],
      logger: pino({ level: 'silent' }),
    });
    runtime.start();
  });
  afterAll(async () => {
    await runtime?.stop();
    redis?.kill('SIGKILL');
    await db?.close();
    await database?.drop();
  });

  it('loses no committed event when Redis restarts mid-stream, and applies each once', async () => {
    const tenant = newId();
    const emitted: string[] = [];
    for (let batch = 0; batch < 6; batch++) {
      if (batch === 3) {
        // Mid-stream: Redis dies with its queued jobs and comes back empty.
        redis.kill('SIGKILL');
        await new Promise((resolve) => redis.once('exit', resolve));
        for (let index = 0; index < 10; index++) emitted.push((await emit(db, tenant)).event_id);
        redis = await launchRedis(port);
      }
      for (let index = 0; index < 20; index++) emitted.push((await emit(db, tenant)).event_id);
      // No pause before the restart batch: jobs are still queued when Redis dies.
      if (batch !== 2) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitFor(
      async () => (await appliedKeys(db, tenant)).length >= emitted.length,
      45_000,
      'every event applied',
    );
    const applied = await appliedKeys(db, tenant);
    expect(applied.length).toBe(emitted.length);
    expect(new Set(applied)).toEqual(new Set(emitted));
    await waitFor(async () => (await outboxStats(db.router)).pending === 0, 10_000, 'an empty backlog');
  }, 90_000);
});
