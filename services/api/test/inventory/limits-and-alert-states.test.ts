import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { expectRefused } from '../identity/tenant-admin-support';
import { eventTypesAbout, tenantRows, useRbacTenant } from '../rbac/support';
import { inventoryClient } from './support';

describe('inventory levels beyond int4, alerts from the first stock and reorder changes, odd cursors', () => {
  const app = useRbacTenant('inventory-limits');
  const inventory = inventoryClient(() => app.t);
  const owner = () => app.members.owner.token;
  const openAlerts = (itemId: string) =>
    tenantRows<{ on_hand: number; reorder_point: number }>(
      app.t,
      app.tenantId,
      sql`select on_hand::int as on_hand, reorder_point from stock_alerts where item_id = ${itemId} and status = 'open'`,
    );

  it('holds a level past two billion units', async () => {
    const location = await inventory.makeLocation(owner());
    const item = await inventory.makeItem(owner());
    for (let delivery = 0; delivery < 3; delivery++)
      await inventory.receive(owner(), item.id, location.id, 1_000_000_000);
    expect(await inventory.onHand(owner(), item.id, location.id)).toBe(3_000_000_000);
  });

  it('opens an alert when an item’s first stock is already at or below its reorder point', async () => {
    const location = await inventory.makeLocation(owner());
    const item = await inventory.makeItem(owner(), { reorderPoint: 10 });
    await inventory.receive(owner(), item.id, location.id, 5);
    expect(await openAlerts(item.id)).toEqual([{ on_hand: 5, reorder_point: 10 }]);
    expect(await eventTypesAbout(app.t, app.tenantId, item.id)).toContain('inventory.stock.low');
  });

  it('opens or clears alerts when the reorder point changes', async () => {
    const location = await inventory.makeLocation(owner());
    const item = await inventory.makeItem(owner(), { reorderPoint: 2 });
    await inventory.receive(owner(), item.id, location.id, 6);
    expect(await openAlerts(item.id)).toEqual([]);
    await inventory.call('PATCH', `/v1/inventory/items/${item.id}`, owner(), { reorderPoint: 8 });
    expect(await openAlerts(item.id)).toEqual([{ on_hand: 6, reorder_point: 8 }]);
    await inventory.call('PATCH', `/v1/inventory/items/${item.id}`, owner(), { reorderPoint: 1 });
    expect(await openAlerts(item.id)).toEqual([]);
    const types = (await eventTypesAbout(app.t, app.tenantId, item.id)).filter((type) =>
      type.startsWith('inventory.stock.'),
    );
    expect(types.filter((type) => type !== 'inventory.stock.adjusted')).toEqual([
      'inventory.stock.low',
      'inventory.stock.restocked',
    ]);
  });

  it('answers 400, never 500, to cursors this API did not issue', async () => {
    const withNul = Buffer.from(`a\0b\n${app.tenantId}`).toString('base64url');
    const yearZero = Buffer.from(`0000-01-01T00:00:00.000Z\n${app.tenantId}`).toString('base64url');
    for (const url of [
      `/v1/inventory/items?cursor=${withNul}`,
      `/v1/inventory/movements?cursor=${yearZero}`,
      `/v1/inventory/alerts?cursor=${yearZero}`,
    ]) {
      expectRefused(await inventory.call('GET', url, owner()), 400, 'VALIDATION');
    }
  });
});
