import { describe, expect, it } from 'vitest';
import { expectRefused } from '../identity/tenant-admin-support';
import { useRbacTenant } from '../rbac/support';
import { inventoryClient, uniqueCode } from './support';

describe('inventory items and locations', () => {
  const app = useRbacTenant('inventory-items');
  const inventory = inventoryClient(() => app.t);
  const owner = () => app.members.owner.token;

  it('creates an item with its defaults and reads it back', async () => {
    const item = await inventory.makeItem(owner(), { sku: uniqueCode('tea'), price: 1250, reorderPoint: 3 });
    expect(item).toMatchObject({
      price: 1250,
      reorderPoint: 3,
      taxCategory: 'standard',
      status: 'active',
      barcode: null,
    });
    const read = await inventory.call('GET', `/v1/inventory/items/${item.id}`, owner());
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual(item);
  });

  it('keeps SKUs unique per tenant, case-insensitively', async () => {
    const sku = uniqueCode('Mug');
    await inventory.makeItem(owner(), { sku });
    const clash = await inventory.call('POST', '/v1/inventory/items', owner(), {
      sku: sku.toUpperCase(),
      name: 'Other',
      unit: 'each',
      price: 1,
    });
    expectRefused(clash, 409, 'SKU_TAKEN');
  });

  it('refuses bad input with a validation error', async () => {
    for (const body of [
      { sku: 'x', name: 'n', unit: 'each', price: -1 },
      { sku: 'x', name: 'n', unit: 'each', price: 1.5 },
      { sku: '', name: 'n', unit: 'each', price: 1 },
      { sku: 'x', name: 'n', unit: 'each', price: 1, extra: true },
    ]) {
      expectRefused(await inventory.call('POST', '/v1/inventory/items', owner(), body), 400, 'VALIDATION');
    }
  });

  it('searches by SKU, name or barcode and pages with a cursor', async () => {
    const stem = uniqueCode('page').toLowerCase();
    const skus = Array.from({ length: 5 }, (_, index) => `${stem}-${index}`);
    for (const sku of skus) await inventory.makeItem(owner(), { sku });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `search=${stem}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await inventory.call('GET', `/v1/inventory/items?${query}`, owner());
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      seen.push(...page.body.data.map((item: { sku: string }) => item.sku));
      cursor = page.body.pagination.next_cursor;
    } while (cursor);
    expect(seen).toEqual(skus);
    expectRefused(await inventory.call('GET', '/v1/inventory/items?cursor=bogus', owner()), 400);
  });

  it('receives and adjusts stock at a location, with levels from the ledger', async () => {
    const location = await inventory.makeLocation(owner());
    const item = await inventory.makeItem(owner());
    const received = await inventory.receive(owner(), item.id, location.id, 10);
    expect(received).toMatchObject({ type: 'receive', quantity: 10, onHand: 10, flaggedForReview: false });
    const adjusted = await inventory.move(owner(), {
      type: 'adjust',
      itemId: item.id,
      locationId: location.id,
      quantity: -3,
      reason: 'broken',
    });
    expect(adjusted.status).toBe(201);
    expect(adjusted.body.data).toMatchObject({ type: 'adjustment', quantity: -3, onHand: 7 });
    expect(await inventory.onHand(owner(), item.id, location.id)).toBe(7);
    // Negative stock is off by default: an adjustment past zero is refused and changes nothing.
    const tooMuch = await inventory.move(owner(), {
      type: 'adjust',
      itemId: item.id,
      locationId: location.id,
      quantity: -8,
    });
    expectRefused(tooMuch, 409, 'INSUFFICIENT_STOCK');
    expect(await inventory.onHand(owner(), item.id, location.id)).toBe(7);
  });

  it('lets a cashier read stock but not adjust it', async () => {
    const location = await inventory.makeLocation(owner());
    const item = await inventory.makeItem(owner());
    const cashier = app.members.cashier.token;
    expect((await inventory.stock(cashier, item.id)).status).toBe(200);
    expectRefused(
      await inventory.move(cashier, {
        type: 'receive',
        itemId: item.id,
        locationId: location.id,
        quantity: 1,
      }),
      403,
    );
  });
});
