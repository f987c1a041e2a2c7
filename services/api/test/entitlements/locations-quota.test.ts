import { describe, expect, it } from 'vitest';
import { activeTenant } from '../identity/support';
import { expectRefused, type SignedInTenant } from '../identity/tenant-admin-support';
import { inventoryClient, uniqueCode } from '../inventory/support';
import { assignPlan, useEntitlementsApp } from './support';

/** Inventory's active locations are the `locations` gauge: free allows 1, pro 10 (soft 8). */
describe('locations quota through inventory', () => {
  const app = useEntitlementsApp();
  const inventory = inventoryClient(() => app.t);
  const addLocation = (tenant: SignedInTenant) =>
    inventory.call('POST', '/v1/inventory/locations', tenant.tokens.accessToken, {
      name: 'Store',
      code: uniqueCode('S'),
    });
  const locationsUsed = async (tenant: SignedInTenant) => {
    const response = await app.t.call({
      method: 'GET',
      url: '/v1/tenants/current/entitlements',
      token: tenant.tokens.accessToken,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.data.quotas.find((quota: { quota: string }) => quota.quota === 'locations').used;
  };

  it('counts locations and refuses one past the hard limit', async () => {
    const tenant = await activeTenant(app.t, app.root, 'stores');
    expect(await locationsUsed(tenant)).toBe(0);
    expect((await addLocation(tenant)).status).toBe(201);
    expect(await locationsUsed(tenant)).toBe(1);
    const refused = await addLocation(tenant);
    expectRefused(refused, 403, 'QUOTA_EXCEEDED');
    expect(refused.body.error.details).toMatchObject({ quota: 'locations', limit: 1, used: 1 });
    expect(await locationsUsed(tenant)).toBe(1);
    expect((await assignPlan(app.t, app.root, tenant.tenantId, 'pro')).status).toBe(200);
    expect((await addLocation(tenant)).status).toBe(201);
  });

  it('lets exactly one of five concurrent additions take the last place', async () => {
    const tenant = await activeTenant(app.t, app.root, 'race');
    const results = await Promise.all(Array.from({ length: 5 }, () => addLocation(tenant)));
    expect(results.map((result) => result.status).sort()).toEqual([201, 403, 403, 403, 403]);
    expect(await locationsUsed(tenant)).toBe(1);
  });
});
