import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { activeTenant, createSuperadmin, type IdentityTestApp } from '../identity/support';
import { inventoryClient } from '../inventory/support';

/** A tenant whose rows are recognisable anywhere: every SKU and location code starts with its prefix. */
export interface MarkedTenant {
  index: number;
  tenantId: string;
  token: string;
  prefix: string;
  locationId: string;
  /** An open shift at a till of the location. */
  shiftId: string;
  items: { id: string; sku: string }[];
  /** Stock received per seeded item at setup. */
  seedStock: number;
}

/** A register at the location with its shift open: where POS tickets are rung up. */
const openShift = async (t: IdentityTestApp, token: string, locationId: string): Promise<string> => {
  const register = await t.call({
    method: 'POST',
    url: '/v1/pos/registers',
    token,
    body: { name: 'Till', locationId },
  });
  expect(register.status, JSON.stringify(register.body)).toBe(201);
  const shift = await t.call({
    method: 'POST',
    url: '/v1/pos/shifts',
    token,
    body: { registerId: register.body.data.id, openingFloat: 5_000 },
  });
  expect(shift.status, JSON.stringify(shift.body)).toBe(201);
  return shift.body.data.id as string;
};

/**
 * Active tenants on the pro plan (the free plan's 120 calls a minute would
 * answer the load with 429s), each with a location, an open till shift and stocked items.
 */
export const createMarkedTenants = async (
  t: IdentityTestApp,
  count: number,
  itemsPerTenant: number,
  seedStock: number,
): Promise<MarkedTenant[]> => {
  const root = (await createSuperadmin(t)).accessToken;
  const inventory = inventoryClient(() => t);
  const tenants: MarkedTenant[] = [];
  for (let index = 0; index < count; index += 1) {
    const tenant = await activeTenant(t, root, `pool-${index}`);
    const plan = await t.call({
      method: 'PUT',
      url: `/v1/superadmin/tenants/${tenant.tenantId}/plan`,
      token: root,
      body: { planKey: 'pro' },
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    const token = tenant.tokens.accessToken;
    // Upper-case hex: SKU lists sort and search case-insensitively, the prefix stays distinct.
    const prefix = `T${index}${randomBytes(3).toString('hex').toUpperCase()}-`;
    const location = await inventory.makeLocation(token, { code: `${prefix}STORE` });
    const shiftId = await openShift(t, token, location.id);
    const items: MarkedTenant['items'] = [];
    for (let n = 0; n < itemsPerTenant; n += 1) {
      const item = await inventory.makeItem(token, { sku: `${prefix}SEED${n}`, price: 100 + n });
      await inventory.receive(token, item.id, location.id, seedStock);
      items.push({ id: item.id, sku: item.sku });
    }
    tenants.push({
      index,
      tenantId: tenant.tenantId,
      token,
      prefix,
      locationId: location.id,
      shiftId,
      items,
      seedStock,
    });
  }
  return tenants;
};
