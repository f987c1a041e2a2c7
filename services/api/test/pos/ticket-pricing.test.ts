import { describe, expect, it } from 'vitest';
import { expectRefused } from '../identity/tenant-admin-support';
import { inventoryClient } from '../inventory/support';
import { eventTypesAbout } from '../rbac/support';
import { posClient, usePosTenant } from './support';

describe('ticket lines, discounts and tax', () => {
  const app = usePosTenant('pos-pricing');
  const pos = posClient(() => app.t);
  const inventory = inventoryClient(() => app.t);
  const owner = () => app.members.owner.token;
  const cashier = () => app.members.cashier.token;
  const settings = (body: unknown) => pos.call('PATCH', '/v1/pos/settings', owner(), body);

  const freshShift = async () => pos.openShift(owner(), (await pos.makeRegister(owner(), app.locationId)).id);

  it('adds tax per line on tax-exclusive prices, rounding half to even', async () => {
    expect(
      (await settings({ pricesIncludeTax: false, taxRates: { standard: 2000, reduced: 550 } })).status,
    ).toBe(200);
    const standard = await inventory.makeItem(owner(), { price: 1_000 });
    const reduced = await inventory.makeItem(owner(), { price: 110, taxCategory: 'reduced' });
    const ticket = await pos.openTicket(cashier(), (await freshShift()).id);
    await pos.addLine(cashier(), ticket.id, { itemId: standard.id, quantity: 1 });
    const priced = (await pos.addLine(cashier(), ticket.id, { itemId: reduced.id, quantity: 1 })).body.data;
    // 110 x 5.5 % = 6.05 -> 6; 1,000 x 20 % = 200.
    expect(priced.lines.map((line: { tax: number; total: number }) => [line.tax, line.total])).toEqual([
      [200, 1_200],
      [6, 116],
    ]);
    expect(priced).toMatchObject({ subtotal: 1_110, taxTotal: 206, total: 1_316, pricesIncludeTax: false });
  });

  it('takes tax out of tax-inclusive prices and spreads a ticket discount over the lines', async () => {
    await settings({ pricesIncludeTax: true, taxRates: { standard: 2000 } });
    const item = await inventory.makeItem(owner(), { price: 1_000 });
    const shift = await freshShift();
    const ticket = await pos.openTicket(owner(), shift.id);
    for (let line = 0; line < 3; line++)
      await pos.addLine(owner(), ticket.id, { itemId: item.id, quantity: 1 });
    const discounted = await pos.call('PATCH', `/v1/pos/tickets/${ticket.id}`, owner(), {
      ticketDiscount: 100,
    });
    expect(discounted.status, JSON.stringify(discounted.body)).toBe(200);
    const data = discounted.body.data;
    expect(data.lines.map((line: { ticketDiscountShare: number }) => line.ticketDiscountShare)).toEqual([
      34, 33, 33,
    ]);
    // Line totals 966, 967, 967 include 161 tax each (966 - round(966 / 1.2) = 161, 967 - 806 = 161).
    expect(data).toMatchObject({ subtotal: 3_000, discountTotal: 100, total: 2_900, taxTotal: 483 });
    await settings({ pricesIncludeTax: false });
  });

  it('needs pos.price.override for a price of one’s own or a discount, and records the override', async () => {
    const item = await inventory.makeItem(owner(), { price: 800 });
    const ticket = await pos.openTicket(cashier(), (await freshShift()).id);
    expectRefused(
      await pos.addLine(cashier(), ticket.id, { itemId: item.id, quantity: 1, unitPrice: 1 }),
      403,
    );
    expectRefused(
      await pos.addLine(cashier(), ticket.id, { itemId: item.id, quantity: 1, lineDiscount: 50 }),
      403,
    );
    expectRefused(
      await pos.call('PATCH', `/v1/pos/tickets/${ticket.id}`, cashier(), { ticketDiscount: 10 }),
      403,
    );
    expect((await pos.ticket(cashier(), ticket.id)).body.data.lines).toEqual([]);
    // The list price given explicitly is no override.
    expect(
      (await pos.addLine(cashier(), ticket.id, { itemId: item.id, quantity: 1, unitPrice: 800 })).status,
    ).toBe(201);
    const overridden = await pos.addLine(owner(), ticket.id, {
      itemId: item.id,
      quantity: 2,
      unitPrice: 600,
    });
    expect(overridden.body.data.lines[1]).toMatchObject({
      unitPrice: 600,
      priceOverridden: true,
      gross: 1_200,
    });
    expect(await eventTypesAbout(app.t, app.tenantId, ticket.id)).toContain('pos.ticket.price_overridden');
  });

  it('copies the price at the time of the sale and changes or removes lines while open', async () => {
    const item = await inventory.makeItem(owner(), { price: 500 });
    const ticket = await pos.openTicket(cashier(), (await freshShift()).id);
    const added = (await pos.addLine(cashier(), ticket.id, { itemId: item.id, quantity: 1 })).body.data;
    await inventory.call('PATCH', `/v1/inventory/items/${item.id}`, owner(), { price: 900 });
    const lineId = added.lines[0].id;
    const changed = await pos.call('PATCH', `/v1/pos/tickets/${ticket.id}/lines/${lineId}`, cashier(), {
      quantity: 3,
    });
    expect(changed.body.data).toMatchObject({ subtotal: 1_500 });
    const removed = await pos.call('DELETE', `/v1/pos/tickets/${ticket.id}/lines/${lineId}`, cashier());
    expect(removed.body.data).toMatchObject({ lines: [], total: 0 });
  });

  it('refuses bad amounts and overpayment by card, and changes that fall below what is paid', async () => {
    const item = await inventory.makeItem(owner(), { price: 300 });
    const archived = await inventory.makeItem(owner(), { price: 300 });
    await inventory.call('PATCH', `/v1/inventory/items/${archived.id}`, owner(), { status: 'archived' });
    const ticket = await pos.openTicket(cashier(), (await freshShift()).id);
    expectRefused(
      await pos.addLine(cashier(), ticket.id, { itemId: item.id, quantity: 0 }),
      400,
      'VALIDATION',
    );
    expectRefused(
      await pos.addLine(cashier(), ticket.id, { itemId: archived.id, quantity: 1 }),
      422,
      'ITEM_ARCHIVED',
    );
    const added = (await pos.addLine(cashier(), ticket.id, { itemId: item.id, quantity: 2 })).body.data;
    const total = added.total as number;
    expectRefused(
      await pos.pay(cashier(), ticket.id, { method: 'card', amount: total + 1 }),
      422,
      'OVERPAYMENT',
    );
    expectRefused(await pos.pay(cashier(), ticket.id, { method: 'cash', amount: -5 }), 400, 'VALIDATION');
    expect((await pos.pay(cashier(), ticket.id, { method: 'card', amount: total })).status).toBe(201);
    const lineId = added.lines[0].id;
    expectRefused(
      await pos.call('PATCH', `/v1/pos/tickets/${ticket.id}/lines/${lineId}`, cashier(), { quantity: 1 }),
      422,
      'TOTAL_BELOW_PAID',
    );
    expectRefused(await pos.pay(cashier(), ticket.id, { method: 'cash', amount: 100 }), 422, 'ALREADY_PAID');
  });
});
