import { describe, expect, it } from 'vitest';
import { auditActionsAbout, expectRefused } from '../identity/tenant-admin-support';
import { eventTypesAbout, useRbacTenant } from '../rbac/support';
import { inventoryClient } from './support';

describe('inventory settings', () => {
  const app = useRbacTenant('inventory-settings');
  const inventory = inventoryClient(() => app.t);
  const owner = () => app.members.owner.token;
  const settings = (token: string) => inventory.call('GET', '/v1/inventory/settings', token);
  const change = (token: string, body: unknown) =>
    inventory.call('PATCH', '/v1/inventory/settings', token, body);

  it('refuses negative stock by default and allows it once the setting is on, audited', async () => {
    const store = await inventory.makeLocation(owner());
    const item = await inventory.makeItem(owner());
    await inventory.receive(owner(), item.id, store.id, 2);
    const takeFive = () =>
      inventory.move(owner(), { type: 'adjust', itemId: item.id, locationId: store.id, quantity: -5 });

    const defaults = await settings(owner());
    expect(defaults.status).toBe(200);
    expect(defaults.body.data).toEqual({ allowNegativeStock: false });
    expectRefused(await takeFive(), 409, 'INSUFFICIENT_STOCK');
    expect(await inventory.onHand(owner(), item.id, store.id)).toBe(2);

    const allowed = await change(app.members.admin.token, { allowNegativeStock: true });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    expect(allowed.body.data).toEqual({ allowNegativeStock: true });
    expect((await settings(app.members.cashier.token)).body.data).toEqual({ allowNegativeStock: true });
    const negative = await takeFive();
    expect(negative.status, JSON.stringify(negative.body)).toBe(201);
    expect(negative.body.data).toMatchObject({ onHand: -3, flaggedForReview: false });
    expect(await inventory.onHand(owner(), item.id, store.id)).toBe(-3);

    // Off again: a level already below zero cannot fall further by hand.
    expect((await change(owner(), { allowNegativeStock: false })).body.data).toEqual({
      allowNegativeStock: false,
    });
    expectRefused(
      await inventory.move(owner(), { type: 'adjust', itemId: item.id, locationId: store.id, quantity: -1 }),
      409,
      'INSUFFICIENT_STOCK',
    );
    expect(await inventory.onHand(owner(), item.id, store.id)).toBe(-3);

    expect(
      (await auditActionsAbout(app.t, app.tenantId, app.tenantId)).filter(
        (action) => action === 'settings.updated',
      ),
    ).toHaveLength(2);
    expect(
      (await eventTypesAbout(app.t, app.tenantId, app.tenantId)).filter(
        (type) => type === 'inventory.settings.updated',
      ),
    ).toHaveLength(2);
  });

  it('lets stock readers read the settings and only location managers change them', async () => {
    for (const role of ['owner', 'admin', 'manager', 'cashier', 'viewer'] as const) {
      expect((await settings(app.members[role].token)).status, role).toBe(200);
    }
    expectRefused(await settings(app.members.member.token), 403);
    for (const role of ['manager', 'cashier', 'member', 'viewer'] as const) {
      expectRefused(await change(app.members[role].token, { allowNegativeStock: true }), 403);
    }
    for (const body of [{}, { allowNegativeStock: 'yes' }, { allowNegativeStock: true, other: 1 }]) {
      expectRefused(await change(owner(), body), 400, 'VALIDATION');
    }
    expect((await settings(owner())).body.data).toEqual({ allowNegativeStock: false });
  });
});
