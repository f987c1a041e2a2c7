import { ManualClock, newId } from '@tenantry/core';
import { consumeQuota, entitlementsOf } from '@tenantry/module-registry';
import { describe, expect, it } from 'vitest';
import { softWarnings, useEntitlementsApp } from './support';

const quota = 'pos_tickets_per_month';

/** The default plan (free): POS tickets soft 400, hard 500 a month. Tenants without a plan row are on it. */
describe('monthly POS tickets quota (the service the POS module calls)', () => {
  const app = useEntitlementsApp();
  const deps = () => app.t.modules.entitlements.deps;
  const consume = (tenantId: string, amount?: number) => consumeQuota(deps(), tenantId, quota, { amount });
  const ticketsUsed = async (tenantId: string) =>
    (await entitlementsOf(deps(), tenantId)).quotas.find((row) => row.quota === quota)?.used;

  it('counts up to the hard limit, warns once past the soft limit and refuses past the hard one', async () => {
    const tenantId = newId();
    expect((await consume(tenantId, 399)).used).toBe(399);
    expect(await consume(tenantId)).toMatchObject({ used: 400, soft: 400, hard: 500 });
    expect(await softWarnings(app.t, tenantId)).toEqual([]);

    expect((await consume(tenantId)).used).toBe(401);
    const warnings = await softWarnings(app.t, tenantId);
    expect(warnings.map((row) => row.data)).toEqual([
      expect.objectContaining({ tenantId, quota, soft: 400, hard: 500, used: 401 }),
    ]);

    expect((await consume(tenantId, 98)).used).toBe(499);
    expect((await consume(tenantId)).used).toBe(500);
    await expect(consume(tenantId)).rejects.toMatchObject({
      status: 403,
      code: 'QUOTA_EXCEEDED',
      details: { quota, limit: 500, used: 500 },
    });
    await expect(consume(tenantId, 2)).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(await ticketsUsed(tenantId)).toBe(500);
    expect(await softWarnings(app.t, tenantId)).toHaveLength(1);
  });

  it('never overshoots the hard limit under 20 concurrent consumes', async () => {
    const tenantId = newId();
    await consume(tenantId, 490);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => consume(tenantId)));
    const granted = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value.used] : []));
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(granted.sort((a, b) => a - b)).toEqual([491, 492, 493, 494, 495, 496, 497, 498, 499, 500]);
    expect(refused).toHaveLength(10);
    for (const error of refused) expect(error).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(await ticketsUsed(tenantId)).toBe(500);
  });

  it('warns once when concurrent consumes cross the soft limit together', async () => {
    const tenantId = newId();
    await consume(tenantId, 390);
    await Promise.all(Array.from({ length: 20 }, () => consume(tenantId)));
    expect(await ticketsUsed(tenantId)).toBe(410);
    expect((await softWarnings(app.t, tenantId)).map((row) => row.data.used)).toEqual([401]);
  });

  it('starts each calendar month (UTC) from zero, with its own warning', async () => {
    const tenantId = newId();
    const clock = new ManualClock(new Date('2026-03-31T23:59:59Z'));
    const march = { ...deps(), clock };
    await consumeQuota(march, tenantId, quota, { amount: 500 });
    await expect(consumeQuota(march, tenantId, quota)).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });

    clock.advance(1_000);
    expect(await consumeQuota(march, tenantId, quota)).toMatchObject({ used: 1, period: '2026-04' });
    expect(await consumeQuota(march, tenantId, quota, { amount: 400 })).toMatchObject({ used: 401 });
    expect((await softWarnings(app.t, tenantId)).map((row) => row.data.period)).toEqual([
      '2026-03',
      '2026-04',
    ]);
  });

  it('refuses an amount that is not a whole number of at least one', async () => {
    const tenantId = newId();
    for (const amount of [0, -1, 1.5]) {
      await expect(consume(tenantId, amount)).rejects.toMatchObject({ kind: 'VALIDATION' });
    }
    expect(await ticketsUsed(tenantId)).toBe(0);
  });
});
