import { describe, expect, it } from 'vitest';
import { activeTenant } from '../identity/support';
import { expectRefused } from '../identity/tenant-admin-support';
import { useRbacTenant } from '../rbac/support';
import { inventoryClient, movementsFrom } from './support';

describe('inventory tenant isolation', () => {
  const app = useRbacTenant('inventory-isolation-a');
  const inventory = inventoryClient(() => app.t);
  const owner = () => app.members.owner.token;

  it("answers 404 to another tenant for A's transfers, counts and stock, and leaves them unchanged", async () => {
    // Tenant A: a shipped transfer, a draft one, and an open count with a line.
    const store = await inventory.makeLocation(owner());
    const depot = await inventory.makeLocation(owner());
    const item = await inventory.makeItem(owner(), { reorderPoint: 1 });
    await inventory.receive(owner(), item.id, store.id, 10);
    const lines = [{ itemId: item.id, quantity: 2 }];
    const draft = await inventory.makeTransfer(owner(), {
      fromLocationId: store.id,
      toLocationId: depot.id,
      lines,
    });
    const shipped = await inventory.makeTransfer(owner(), {
      fromLocationId: store.id,
      toLocationId: depot.id,
      lines,
    });
    expect((await inventory.ship(owner(), shipped.id)).status).toBe(200);
    const count = await inventory.makeCount(owner(), store.id);
    expect(
      (await inventory.countLines(owner(), count.id, [{ itemId: item.id, countedQuantity: 1 }])).status,
    ).toBe(200);
    const read = async (url: string) => {
      const response = await inventory.call('GET', url, owner());
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.data;
    };
    const before = {
      draft: await read(`/v1/inventory/transfers/${draft.id}`),
      shipped: await read(`/v1/inventory/transfers/${shipped.id}`),
      count: await read(`/v1/inventory/counts/${count.id}`),
      stock: await read(`/v1/inventory/items/${item.id}/stock`),
    };
    expect(before.stock).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ locationId: store.id, onHand: 8 }),
        expect.objectContaining({ locationId: depot.id, onHand: 0, inTransit: 2 }),
      ]),
    );

    // Tenant B: its owner holds every inventory permission, in its own tenant only.
    const other = await activeTenant(app.t, app.root, 'inventory-isolation-b');
    const b = other.tokens.accessToken;
    const own = await inventory.makeLocation(b);
    const ownItem = await inventory.makeItem(b);

    expectRefused(await inventory.call('GET', `/v1/inventory/transfers/${draft.id}`, b), 404);
    expectRefused(await inventory.call('GET', `/v1/inventory/transfers/${shipped.id}`, b), 404);
    expectRefused(await inventory.ship(b, draft.id), 404);
    expectRefused(await inventory.receiveTransfer(b, shipped.id, lines), 404);
    expectRefused(await inventory.call('GET', `/v1/inventory/counts/${count.id}`, b), 404);
    expectRefused(await inventory.countLines(b, count.id, [{ itemId: item.id, countedQuantity: 50 }]), 404);
    expectRefused(await inventory.finalize(b, count.id), 404);
    expectRefused(await inventory.stock(b, item.id), 404);
    // A's ids are unknown in B's documents too.
    expectRefused(
      await inventory.call('POST', '/v1/inventory/transfers', b, {
        fromLocationId: own.id,
        toLocationId: depot.id,
        lines: [{ itemId: ownItem.id, quantity: 1 }],
      }),
      404,
    );
    expectRefused(
      await inventory.call('POST', '/v1/inventory/transfers', b, {
        fromLocationId: store.id,
        toLocationId: own.id,
        lines: [{ itemId: ownItem.id, quantity: 1 }],
      }),
      404,
    );
    expectRefused(await inventory.call('POST', '/v1/inventory/counts', b, { locationId: store.id }), 404);
    const ownCount = await inventory.makeCount(b, own.id);
    expectRefused(await inventory.countLines(b, ownCount.id, [{ itemId: item.id, countedQuantity: 5 }]), 404);
    expectRefused(
      await inventory.move(b, { type: 'receive', itemId: item.id, locationId: store.id, quantity: 5 }),
      404,
    );
    // B's lists and check see none of A's rows.
    const bRead = async (url: string) => {
      const response = await inventory.call('GET', url, b);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return response.body.data;
    };
    expect(await bRead(`/v1/inventory/movements?itemId=${item.id}`)).toEqual([]);
    expect(await bRead('/v1/inventory/movements')).toEqual([]);
    expect(await bRead('/v1/inventory/alerts')).toEqual([]);
    expect(await bRead('/v1/inventory/stock/check')).toEqual({ checkedLevels: 0, drift: [] });

    // A's rows are as they were.
    expect(await read(`/v1/inventory/transfers/${draft.id}`)).toEqual(before.draft);
    expect(await read(`/v1/inventory/transfers/${shipped.id}`)).toEqual(before.shipped);
    expect(await read(`/v1/inventory/counts/${count.id}`)).toEqual(before.count);
    expect(await read(`/v1/inventory/items/${item.id}/stock`)).toEqual(before.stock);
    expect(await movementsFrom(app.t, app.tenantId, draft.id)).toEqual([]);
    expect(await movementsFrom(app.t, app.tenantId, shipped.id)).toHaveLength(1);
    expect(await movementsFrom(app.t, app.tenantId, count.id)).toEqual([]);
  });
});
