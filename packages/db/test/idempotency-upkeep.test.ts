import { newId } from '@tenantry/core';
import { useTestDatabase } from '@tenantry/testing';
import { describe, expect, it } from 'vitest';
import { idempotencyKeys, purgeExpiredIdempotencyKeys } from '../src';

describe('idempotency key upkeep', () => {
  const runtime = useTestDatabase();

  const hour = 3_600_000;
  const insertKeys = (tenantId: string) =>
    runtime.router.withTenant(tenantId, (tx) =>
      tx.insert(idempotencyKeys).values(
        ['expired', 'fresh'].map((key) => ({
          tenantId,
          scope: 'user:1',
          key,
          requestHash: 'h',
          status: 'completed' as const,
          lockedUntil: new Date(),
          expiresAt: new Date(Date.now() + (key === 'expired' ? -hour : hour)),
        })),
      ),
    );
  const keysOf = (tenantId: string) =>
    runtime.router.withTenant(tenantId, async (tx) =>
      (await tx.select({ key: idempotencyKeys.key }).from(idempotencyKeys)).map((row) => row.key),
    );

  it('deletes expired keys of every tenant storage and keeps live ones', async () => {
    const shared = newId();
    const isolated = newId();
    await runtime.provisionTenant(isolated, 'schema');
    await insertKeys(shared);
    await insertKeys(isolated);

    expect(await purgeExpiredIdempotencyKeys(runtime, new Date())).toBe(2);
    expect(await keysOf(shared)).toEqual(['fresh']);
    expect(await keysOf(isolated)).toEqual(['fresh']);
  });
});
