import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { expectRefused } from '../identity/tenant-admin-support';
import { eventTypesAbout, tenantRows, useRbacTenant } from '../rbac/support';
import { inventoryClient } from './support';

interface Alert {
  id: string;
  itemId: string;
  sku: string;
  locationId: string;
  status: 'open' | 'cleared';
  onHand: number;
  reorderPoint: number;
  openedAt: string;
  clearedAt: string | null;
}

describe('inventory low-stock alerts', () => {
  const app = useRbacTenant('inventory-alerts');
  const inventory = inventoryClient(() => app.t);
  const owner = () => app.members.owner.token;

  const alerts = async (query: string, token = owner()): Promise<Alert[]> => {
    const response = await inventory.call('GET', `/v1/inventory/alerts?${query}`, token);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.data;
  };
  const adjust = async (itemId: string, locationId: string, quantity: number) => {
    const response = await inventory.move(owner(), { type: 'adjust', itemId, locationId, quantity });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.data.onHand as number;
  };
  /** The low-stock events about an item, with their payloads, oldest first. */
  const stockEvents = async (itemId: string) =>
    (
      await tenantRows<{ type: string; data: { alertId: string; onHand: number; locationId: string } }>(
        app.t,
        app.tenantId,
        sql`select type, data from event_outbox
          where entity_id = ${itemId} and type like 'inventory.stock.%' order by occurred_at, event_id`,
      )
    ).map((row) => ({ type: row.type, alertId: row.data.alertId, onHand: row.data.onHand }));

  it('opens one alert and one event per crossing of the reorder point, and clears it on restock', async () => {
    const store = await inventory.makeLocation(owner());
    const item = await inventory.makeItem(owner(), { reorderPoint: 3 });
    const forStore = `locationId=${store.id}`;

    await inventory.receive(owner(), item.id, store.id, 10);
    expect(await adjust(item.id, store.id, -6)).toBe(4);
    expect(await alerts(forStore)).toEqual([]);
    expect(await stockEvents(item.id)).toEqual([]);

    // At the reorder point: low.
    expect(await adjust(item.id, store.id, -1)).toBe(3);
    const [first, ...noOther] = await alerts(`status=open&${forStore}`);
    expect(noOther).toEqual([]);
    expect(first).toEqual({
      id: expect.any(String),
      itemId: item.id,
      sku: item.sku,
      locationId: store.id,
      status: 'open',
      onHand: 3,
      reorderPoint: 3,
      openedAt: expect.any(String),
      clearedAt: null,
    });
    expect(await stockEvents(item.id)).toEqual([
      { type: 'inventory.stock.low', alertId: first?.id, onHand: 3 },
    ]);

    // Lower still: the same crossing, no second alert or event.
    expect(await adjust(item.id, store.id, -2)).toBe(1);
    expect(await alerts(forStore)).toHaveLength(1);
    expect(await stockEvents(item.id)).toHaveLength(1);

    // Restocked above the point: cleared, once.
    await inventory.receive(owner(), item.id, store.id, 7);
    expect(await inventory.onHand(owner(), item.id, store.id)).toBe(8);
    expect(await alerts(`status=open&${forStore}`)).toEqual([]);
    const [cleared] = await alerts(`status=cleared&${forStore}`);
    expect(cleared).toMatchObject({ id: first?.id, status: 'cleared', onHand: 3 });
    expect(cleared?.clearedAt).toEqual(expect.any(String));

    // A new crossing is a new alert.
    expect(await adjust(item.id, store.id, -6)).toBe(2);
    const open = await alerts(`status=open&${forStore}`);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ status: 'open', onHand: 2 });
    expect(open[0]?.id).not.toBe(first?.id);
    // Newest first.
    expect((await alerts(forStore)).map((alert) => alert.id)).toEqual([open[0]?.id, first?.id]);

    expect(await stockEvents(item.id)).toEqual([
      { type: 'inventory.stock.low', alertId: first?.id, onHand: 3 },
      { type: 'inventory.stock.restocked', alertId: first?.id, onHand: 8 },
      { type: 'inventory.stock.low', alertId: open[0]?.id, onHand: 2 },
    ]);
    expect(await eventTypesAbout(app.t, app.tenantId, item.id)).toEqual([
      'inventory.item.created',
      'inventory.stock.low',
      'inventory.stock.restocked',
      'inventory.stock.low',
    ]);
  });

  it('filters by location and status, pages newest first, and lets stock readers read them', async () => {
    const here = await inventory.makeLocation(owner());
    const there = await inventory.makeLocation(owner());
    const items = await Promise.all([1, 2, 3].map(() => inventory.makeItem(owner(), { reorderPoint: 5 })));
    for (const item of items) {
      await inventory.receive(owner(), item.id, here.id, 6);
      await adjust(item.id, here.id, -1);
    }
    await inventory.receive(owner(), items[0]?.id ?? '', there.id, 6);
    await adjust(items[0]?.id ?? '', there.id, -2);

    const atHere = await alerts(`locationId=${here.id}`);
    expect(atHere.map((alert) => alert.itemId)).toEqual(items.map((item) => item.id).reverse());
    expect((await alerts(`locationId=${there.id}`)).map((alert) => [alert.itemId, alert.onHand])).toEqual([
      [items[0]?.id, 4],
    ]);
    expect(await alerts(`locationId=${here.id}&status=cleared`)).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await inventory.call(
        'GET',
        `/v1/inventory/alerts?locationId=${here.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        owner(),
      );
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((alert: Alert) => alert.id));
      cursor = page.body.pagination.next_cursor;
    } while (cursor);
    expect(seen).toEqual(atHere.map((alert) => alert.id));

    expect(await alerts(`locationId=${here.id}`, app.members.cashier.token)).toHaveLength(3);
    expectRefused(await inventory.call('GET', '/v1/inventory/alerts', app.members.member.token), 403);
    expectRefused(await inventory.call('GET', '/v1/inventory/alerts?status=lost', owner()), 400);
    expectRefused(await inventory.call('GET', '/v1/inventory/alerts?cursor=bogus', owner()), 400);
  });
});
