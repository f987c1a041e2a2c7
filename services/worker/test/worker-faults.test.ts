import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@tenantry/core';
import { findEvent } from '@tenantry/outbox';
import { testRedisUrl, useTestDatabase } from '@tenantry/testing';
import { describe, expect, it } from 'vitest';
import { exitOf, startWorkerProcess } from './process-support';
import { appliedKeys, emit, uniquePrefix, waitFor } from './support';

describe('worker process faults', () => {
  const db = useTestDatabase();
  const env = (extra: Record<string, string>) => ({
    DATABASE_URL: db.config.ownerUrl as string,
    DATABASE_APP_URL: db.config.appUrl as string,
    REDIS_URL: testRedisUrl(),
    JOB_LOCK_MS: '1000',
    OUTBOX_BACKOFF_MS: '50',
    ...extra,
  });

  it('applies an event exactly once when the worker is SIGKILLed between applying it and acknowledging the job', async () => {
    const tenant = newId();
    const prefix = uniquePrefix();
    const marker = join(mkdtempSync(join(tmpdir(), 'tenantry-crash-')), 'crashed');
    const crashing = await startWorkerProcess(
      env({ QUEUE_PREFIX: prefix, FIXTURE_MODE: 'crash', FIXTURE_MARKER: marker }),
    );
    const event = await emit(db, tenant);
    // tsx relays its child's SIGKILL as exit code 137 (128 + 9).
    const exit = await exitOf(crashing);
    expect(exit.signal === 'SIGKILL' || exit.code === 137).toBe(true);
    expect(existsSync(marker)).toBe(true);
    expect(await appliedKeys(db, tenant)).toEqual([event.event_id]);

    const restarted = await startWorkerProcess(env({ QUEUE_PREFIX: prefix }));
    try {
      const ref = { tenantId: tenant, eventId: event.event_id };
      await waitFor(
        async () => Boolean((await db.router.withTenant(tenant, (tx) => findEvent(tx, ref)))?.completedAt),
        30_000,
        'the stalled job to complete after restart',
      );
      expect(await appliedKeys(db, tenant)).toEqual([event.event_id]);
    } finally {
      restarted.kill('SIGTERM');
      await exitOf(restarted);
    }
  });

  it('finishes the job in hand on SIGTERM before exiting', async () => {
    const tenant = newId();
    const worker = await startWorkerProcess(env({ QUEUE_PREFIX: uniquePrefix(), FIXTURE_MODE: 'slow' }));
    const event = await emit(db, tenant);
    await waitFor(async () => (await appliedKeys(db, tenant)).length === 1, 20_000, 'the effect');
    worker.kill('SIGTERM');
    expect(await exitOf(worker)).toMatchObject({ code: 0 });
    const row = await db.router.withTenant(tenant, (tx) =>
      findEvent(tx, { tenantId: tenant, eventId: event.event_id }),
    );
    expect(row?.completedAt).not.toBeNull();
  });
});
