import { ManualClock, newId } from '@tenantry/core';
import { useTestDatabase } from '@tenantry/testing';
import { describe, expect, it } from 'vitest';
import { createIdempotencyService } from '../src/idempotency/idempotency.service';

describe('idempotency key leases', () => {
  const db = useTestDatabase();
  const clock = new ManualClock(new Date('2026-11-26T10:00:00Z'));

  it('lets a holder whose lock lapsed finish late without overwriting the one that took over', async () => {
    const service = createIdempotencyService({ router: db.router, clock, ttlMs: 86_400_000, lockMs: 60_000 });
    const ref = { tenantId: newId(), scope: 'user:1', key: 'slow-holder' };
    const first = await service.reserve(ref, 'hash');
    expect(first.outcome).toBe('proceed');
    clock.advance(61_000);
    const second = await service.reserve(ref, 'hash');
    expect(second.outcome).toBe('proceed');
    if (first.outcome !== 'proceed' || second.outcome !== 'proceed') return;

    await service.finish(ref, second.lease, {
      status: 201,
      body: '{"by":"second"}',
      contentType: 'application/json',
    });
    await service.finish(ref, first.lease, {
      status: 201,
      body: '{"by":"first"}',
      contentType: 'application/json',
    });
    await service.finish(ref, first.lease, { status: 503, body: '', contentType: null });

    expect(await service.reserve(ref, 'hash')).toMatchObject({ outcome: 'replay', body: '{"by":"second"}' });
  });
});
