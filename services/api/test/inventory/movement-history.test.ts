import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectRefused } from '../identity/tenant-admin-support';
import { useRbacTenant } from '../rbac/support';
import { inventoryClient } from './support';

interface MovementRecord {
  id: string;
  itemId: string;
  locationId: string;
  type: string;
  quantity: number;
  reason: string;
  actorType: string;
  actorId: string | null;
  sourceType: string | null;
  sourceId: string | null;
  flaggedForReview: boolean;
  createdAt: string;
}

describe('inventory movement history', () => {
  const app = useRbacTenant('inventory-history');
  const inventory = inventoryClient(() => app.t);
  const owner = () => app.members.owner.token;
  const history = async (query: string, token = owner()) => {
    const response = await inventory.call('GET', `/v1/inventory/movements?${query}`, token);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as {
      data: MovementRecord[];
      pagination: { next_cursor: string | null; limit: number };
    };
  };

  it('lists an item’s movements newest first, with who and what caused each', async () => {
    const store = await inventory.makeLocation(owner());
    const depot = await inventory.makeLocation(owner());
    const item = await inventory.makeItem(owner());
    const other = await inventory.makeItem(owner());
    const receipt = await inventory.receive(owner(), item.id, store.id, 10);
    await inventory.receive(owner(), other.id, store.id, 10);
    const manager = app.members.manager;
    const adjusted = await inventory.move(manager.token, {
      type: 'adjust',
      itemId: item.id,
      locationId: store.id,
      quantity: -2,
      reason: 'dropped',
    });
    expect(adjusted.status).toBe(201);
    const transfer = await inventory.makeTransfer(owner(), {
      fromLocationId: store.id,
      toLocationId: depot.id,
      lines: [{ itemId: item.id, quantity: 3 }],
    });
    expect((await inventory.ship(owner(), transfer.id)).status).toBe(200);

    const { data, pagination } = await history(`itemId=${item.id}`);
    expect(pagination).toEqual({ next_cursor: null, limit: 50 });
    expect(data.map((movement) => [movement.type, movement.quantity])).toEqual([
      ['transfer_out', -3],
      ['adjustment', -2],
      ['receive', 10],
    ]);
    const [shipped, adjustment, received] = data;
    expect(shipped).toEqual({
      id: expect.any(String),
      itemId: item.id,
      locationId: store.id,
      type: 'transfer_out',
      quantity: -3,
      reason: 'Transfer shipped',
      actorType: 'user',
      actorId: app.members.owner.userId,
      sourceType: 'stock_transfer',
      sourceId: transfer.id,
      flaggedForReview: false,
      createdAt: expect.any(String),
    });
    expect(adjustment).toMatchObject({
      reason: 'dropped',
      actorType: 'user',
      actorId: manager.userId,
      sourceType: 'adjustment',
    });
    expect(received).toMatchObject({ id: receipt.id, reason: 'delivery', sourceType: 'goods_receipt' });
    expect(Date.parse(shipped?.createdAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(received?.createdAt ?? ''),
    );

    // By location, across items; by item and location together.
    expect((await history(`locationId=${store.id}`)).data.map((movement) => movement.itemId)).toEqual([
      item.id,
      item.id,
      other.id,
      item.id,
    ]);
    expect((await history(`locationId=${depot.id}`)).data).toEqual([]);
    expect((await history(`itemId=${other.id}&locationId=${store.id}`)).data.map((m) => m.quantity)).toEqual([
      10,
    ]);
  });

  it('pages with a cursor without losing or repeating a movement', async () => {
    const store = await inventory.makeLocation(owner());
    const item = await inventory.makeItem(owner());
    for (const quantity of [1, 2, 3, 4, 5]) await inventory.receive(owner(), item.id, store.id, quantity);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await history(`itemId=${item.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((movement) => movement.quantity));
      cursor = page.pagination.next_cursor;
    } while (cursor);
    expect(seen).toEqual([5, 4, 3, 2, 1]);
  });

  it('refuses bad queries and those who may not read stock', async () => {
    const item = await inventory.makeItem(owner());
    expectRefused(await inventory.call('GET', '/v1/inventory/movements?cursor=bogus', owner()), 400);
    expectRefused(await inventory.call('GET', '/v1/inventory/movements?limit=0', owner()), 400);
    expectRefused(await inventory.call('GET', '/v1/inventory/movements?itemId=x', owner()), 400);
    expect((await history(`itemId=${randomUUID()}`)).data).toEqual([]);
    expect((await history(`itemId=${item.id}`, app.members.cashier.token)).data).toEqual([]);
    expectRefused(await inventory.call('GET', '/v1/inventory/movements', app.members.member.token), 403);
  });
});
