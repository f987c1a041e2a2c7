import { newId, type Principal } from '@tenantry/core';
import { queryRows } from '@tenantry/db';
import {
  assignPlan,
  checkQuota,
  type EntitlementsDeps,
  platformModuleManage,
} from '@tenantry/module-registry';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { softWarnings, useEntitlementsApp } from './support';

const superadmin: Principal = {
  kind: 'superadmin',
  id: newId(),
  tenantId: null,
  roles: ['superadmin'],
  permissions: [platformModuleManage],
};

/**
 * checkQuota on a gauge, as a module holding one calls it: inside its own
 * platform transaction, followed by the addition. Locations stand in for
 * any gauge; each added location is a row the test's usage port counts.
 */
describe('gauge quotas checked inside the caller’s transaction', () => {
  const app = useEntitlementsApp();
  const deps = (): EntitlementsDeps => {
    const base = app.t.modules.entitlements.deps;
    return {
      ...base,
      assertTenant: async () => {},
      usage: {
        ...base.usage,
        locations: async (tx, tenantId) =>
          (
            await queryRows<{ value: number }>(
              tx,
              sql`select count(*)::int as value from usage_counters
                   where tenant_id = ${tenantId} and quota = 'test_location'`,
            )
          )[0]?.value ?? 0,
      },
    };
  };
  const addLocation = (tenantId: string, options: { preview?: boolean } = {}) =>
    deps().router.withPlatform(async (tx) => {
      const state = await checkQuota(deps(), tenantId, 'locations', { tx, ...options });
      // The addition comes a moment after the check, in the same transaction.
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (!options.preview) {
        await tx.execute(
          sql`insert into usage_counters (tenant_id, quota, period, value)
              values (${tenantId}, 'test_location', ${newId()}, 1)`,
        );
      }
      return state;
    });

  it('lets concurrent additions through only up to the hard limit, warning once past the soft one', async () => {
    const tenantId = newId();
    // pro: locations soft 8, hard 10.
    await assignPlan(deps(), superadmin, tenantId, 'pro', { ip: '127.0.0.1' });
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => addLocation(tenantId)));
    const granted = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value.used] : []));
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(granted.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(refused.map((error) => error.details)).toEqual([
      { quota: 'locations', limit: 10, used: 10 },
      { quota: 'locations', limit: 10, used: 10 },
    ]);
    expect((await softWarnings(app.t, tenantId)).map((row) => row.data)).toEqual([
      expect.objectContaining({ quota: 'locations', soft: 8, hard: 10, used: 9, period: '' }),
    ]);
  });

  it('checks the hard limit only in a preview, recording no warning', async () => {
    const tenantId = newId();
    // free: locations hard 1, no soft limit.
    expect(await addLocation(tenantId, { preview: true })).toMatchObject({ used: 1, hard: 1 });
    await addLocation(tenantId);
    await expect(addLocation(tenantId, { preview: true })).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED',
      details: { quota: 'locations', limit: 1, used: 1 },
    });
    expect(await softWarnings(app.t, tenantId)).toEqual([]);
  });
});
