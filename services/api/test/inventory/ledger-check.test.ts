import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { expectRefused } from '../identity/tenant-admin-support';
import { useRbacTenant } from '../rbac/support';
import { asDatabaseOwner, inventoryClient } from './support';

describe('inventory ledger check', () => {
  const app = useRbacTenant('inventory-ledger-check');
  const inventory = inventoryClient(() => app.t);
  const owner = () => app.members.owner.token;
  const check = async () => {
    const response = await inventory.call('GET', '/v1/inventory/stock/check', owner());
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.data as {
      checkedLevels: number;
      drift: { itemId: string; locationId: string; onHand: number | null; ledger: number }[];
    };
  };

  it('finds no drift after real movements, then reports exactly the levels written around the ledger', async () => {
    const store = await inventory.makeLocation(owner());
    const depot = await inventory.makeLocation(owner());
    const [tea, mug, jam] = await Promise.all([1, 2, 3].map(() => inventory.makeItem(owner())));
    if (!tea || !mug || !jam) throw new Error('items');
    await inventory.receive(owner(), tea.id, store.id, 10);
    await inventory.receive(owner(), mug.id, store.id, 4);
    await inventory.move(owner(), { type: 'adjust', itemId: tea.id, locationId: store.id, quantity: -3 });
    const transfer = await inventory.makeTransfer(owner(), {
      fromLocationId: store.id,
      toLocationId: depot.id,
      lines: [{ itemId: tea.id, quantity: 5 }],
    });
    expect((await inventory.ship(owner(), transfer.id)).status).toBe(200);
    expect(
      (await inventory.receiveTransfer(owner(), transfer.id, [{ itemId: tea.id, quantity: 2 }])).status,
    ).toBe(200);
    const count = await inventory.makeCount(owner(), store.id);
    await inventory.countLines(owner(), count.id, [
      { itemId: mug.id, countedQuantity: 1 },
      { itemId: jam.id, countedQuantity: 0 },
    ]);
    expect((await inventory.finalize(owner(), count.id)).status).toBe(200);

    // tea at both places, mug at the store, and jam's level the count locked at zero.
    expect(await check()).toEqual({ checkedLevels: 4, drift: [] });

    // Written around the ledger, as only the database owner can.
    const level = (itemId: string, locationId: string) =>
      sql`tenant_id = ${app.tenantId} and item_id = ${itemId} and location_id = ${locationId}`;
    await asDatabaseOwner(
      app.t,
      sql`update stock_levels set on_hand = on_hand + 5 where ${level(tea.id, store.id)}`,
    );
    expect(await check()).toEqual({
      checkedLevels: 4,
      drift: [{ itemId: tea.id, locationId: store.id, onHand: 7, ledger: 2 }],
    });
    // The API reports the tampered level as it stands: the check is how anyone finds out.
    expect(await inventory.onHand(owner(), tea.id, store.id)).toBe(7);

    // A level lost (movements with no level) and a level with no movements behind it count too.
    await asDatabaseOwner(app.t, sql`delete from stock_levels where ${level(mug.id, store.id)}`);
    await asDatabaseOwner(
      app.t,
      sql`insert into stock_levels (tenant_id, item_id, location_id, on_hand)
          values (${app.tenantId}, ${jam.id}, ${depot.id}, 3)`,
    );
    const after = await check();
    expect(after.checkedLevels).toBe(5);
    expect(after.drift).toHaveLength(3);
    expect(after.drift).toEqual(
      expect.arrayContaining([
        { itemId: tea.id, locationId: store.id, onHand: 7, ledger: 2 },
        { itemId: mug.id, locationId: store.id, onHand: null, ledger: 1 },
        { itemId: jam.id, locationId: depot.id, onHand: 3, ledger: 0 },
      ]),
    );
  });

  it('is for those who adjust stock', async () => {
    expect((await inventory.call('GET', '/v1/inventory/stock/check', app.members.manager.token)).status).toBe(
      200,
    );
    for (const role of ['cashier', 'member', 'viewer'] as const) {
      expectRefused(await inventory.call('GET', '/v1/inventory/stock/check', app.members[role].token), 403);
    }
  });
});
