import { beforeAll, describe, expect, it } from 'vitest';
import { inventoryClient, uniqueCode } from '../inventory/support';
import { getRendered, posClient, usePosTenant } from './support';

describe('the receipt of a settled ticket', () => {
  const app = usePosTenant('pos-receipt');
  const pos = posClient(() => app.t);
  const inventory = inventoryClient(() => app.t);
  const owner = () => app.members.owner.token;
  const manager = () => app.members.manager.token;
  const attack = '<script>alert(1)</script>';
  let locationId: string;
  let shiftId: string;
  // biome-ignore lint/suspicious/noExplicitAny: the settled ticket as the API answered it.
  let sold: any;
  const items: Record<'coffee' | 'croissant' | 'apples', { id: string; sku: string }> = {} as never;

  /**
   * docs/pos-money.md's worked example, tax-exclusive: 2 x 4.50 at 20 %, 1 x 3.00 less 0.50 at 20 %,
   * 3 x 1.00 at 5 %, and 1.00 off the ticket: subtotal 15.00, discounts 1.50, tax 2.29, total 15.79.
   */
  beforeAll(async () => {
    expect((await pos.updateSettings(owner(), { taxRates: { standard: 2000, reduced: 500 } })).status).toBe(
      200,
    );
    locationId = (await inventory.makeLocation(owner(), { name: 'High Street', code: uniqueCode('HS') })).id;
    const register = await pos.makeRegister(owner(), locationId, 'Front till');
    shiftId = (await pos.openShift(manager(), register.id, 5_000)).id;
    items.coffee = await inventory.makeItem(owner(), { name: 'Flat white', price: 450 });
    items.croissant = await inventory.makeItem(owner(), { name: 'Croissant', price: 300 });
    items.apples = await inventory.makeItem(owner(), { name: attack, price: 100, taxCategory: 'reduced' });

    const ticket = await pos.openTicket(manager(), shiftId);
    for (const line of [
      { itemId: items.coffee.id, quantity: 2 },
      { itemId: items.croissant.id, quantity: 1, lineDiscount: 50 },
      { itemId: items.apples.id, quantity: 3 },
    ]) {
      expect((await pos.addLine(manager(), ticket.id, line)).status).toBe(201);
    }
    const discounted = await pos.setTicketDiscount(manager(), ticket.id, 100);
    expect(discounted.body.data).toMatchObject({
      subtotal: 1_500,
      discountTotal: 150,
      taxTotal: 229,
      total: 1_579,
    });
    expect(
      (await pos.pay(manager(), ticket.id, { method: 'card', amount: 1_000, reference: 'auth-1' })).status,
    ).toBe(201);
    expect((await pos.pay(manager(), ticket.id, { method: 'cash', amount: 2_000 })).status).toBe(201);
    const settled = await pos.settle(manager(), ticket.id);
    expect(settled.status, JSON.stringify(settled.body)).toBe(200);
    sold = settled.body.data;
  });

  const receiptUrl = (ticketId: string, format?: string) =>
    `/v1/pos/tickets/${ticketId}/receipt${format ? `?format=${format}` : ''}`;

  it('answers a JSON receipt: lines, discounts, taxes per rate, payments and change', async () => {
    const response = await pos.receipt(app.members.viewer.token, sold.id);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.data).toEqual({
      ticketId: sold.id,
      receiptNumber: sold.receiptNumber,
      locationId,
      locationName: 'High Street',
      registerName: 'Front till',
      settledAt: sold.settledAt,
      currency: 'USD',
      pricesIncludeTax: false,
      lines: [
        {
          name: 'Flat white',
          sku: items.coffee.sku,
          quantity: 2,
          unitPrice: 450,
          lineDiscount: 0,
          total: 1_006,
          taxRateBps: 2_000,
        },
        {
          name: 'Croissant',
          sku: items.croissant.sku,
          quantity: 1,
          unitPrice: 300,
          lineDiscount: 50,
          total: 280,
          taxRateBps: 2_000,
        },
        {
          name: attack,
          sku: items.apples.sku,
          quantity: 3,
          unitPrice: 100,
          lineDiscount: 0,
          total: 293,
          taxRateBps: 500,
        },
      ],
      subtotal: 1_500,
      discountTotal: 150,
      taxTotal: 229,
      taxes: [
        { taxRateBps: 500, taxable: 279, tax: 14 },
        { taxRateBps: 2_000, taxable: 1_071, tax: 215 },
      ],
      total: 1_579,
      payments: [
        { method: 'card', amount: 1_000, tendered: 1_000, change: 0, reference: 'auth-1' },
        { method: 'cash', amount: 579, tendered: 2_000, change: 1_421, reference: null },
      ],
      changeGiven: 1_421,
      refunds: [],
    });
  });

  it('prints as fixed-width text and as an escaped HTML page, chosen by format or Accept', async () => {
    const text = await getRendered(app.t, receiptUrl(sold.id, 'text'), owner());
    expect(text.status, text.body).toBe(200);
    expect(text.type).toContain('text/plain');
    const rows = text.body.trimEnd().split('\n');
    for (const row of rows) expect(row.length, row).toBeLessThanOrEqual(42);
    expect(text.body).toContain('High Street');
    expect(text.body).toMatch(new RegExp(`^Receipt ${sold.receiptNumber} `, 'm'));
    expect(text.body).toMatch(/^TOTAL +15\.79 USD$/m);
    expect(text.body).toMatch(/^Tax 5% on 2\.79 USD +0\.14 USD$/m);
    expect(text.body).toMatch(/^Change +14\.21 USD$/m);
    const byAccept = await getRendered(app.t, receiptUrl(sold.id), owner(), { accept: 'text/plain' });
    expect(byAccept.type).toContain('text/plain');
    expect(byAccept.body).toBe(text.body);

    const page = await getRendered(app.t, receiptUrl(sold.id, 'html'), owner());
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.body).toContain('<h1>High Street</h1>');
    expect(page.body).toContain('15.79 USD');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script');
    const browser = await getRendered(app.t, receiptUrl(sold.id), owner(), { accept: 'text/html,*/*' });
    expect(browser.type).toContain('text/html');
    expect(browser.body).toBe(page.body);

    // JSON stays the default.
    const json = await getRendered(app.t, receiptUrl(sold.id), owner());
    expect(json.type).toContain('application/json');
    expect(JSON.parse(json.body).data.total).toBe(1_579);
  });

  it('shows refunds made since, on every form of the receipt', async () => {
    const refund = await pos.refund(manager(), sold.id, {
      lines: [{ lineId: sold.lines[0].id, quantity: 1 }],
      reason: 'Cold coffee',
    });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);

    const receipt = (await pos.receipt(owner(), sold.id)).body.data;
    // 1 of 2 units: half of 10.06 and of its 1.68 tax.
    expect(receipt.refunds).toEqual([
      {
        id: refund.body.data.id,
        createdAt: refund.body.data.createdAt,
        method: 'cash',
        amount: 503,
        tax: 84,
        reason: 'Cold coffee',
        lines: [{ name: 'Flat white', sku: items.coffee.sku, quantity: 1, amount: 503 }],
      },
    ]);
    expect(receipt.total).toBe(1_579);
    const text = await getRendered(app.t, receiptUrl(sold.id, 'text'), owner());
    expect(text.body).toContain('REFUNDS');
    expect(text.body).toMatch(/^ {2}1 x Flat white +-5\.03 USD$/m);
    expect(text.body).toMatch(/^Refunded +-5\.03 USD$/m);
  });

  it('has no receipt for a ticket that is not settled, nor for one that does not exist', async () => {
    const open = await pos.openTicket(manager(), shiftId);
    const refused = await pos.receipt(owner(), open.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'TICKET_NOT_SETTLED', details: { status: 'open' } });
    const asText = await getRendered(app.t, receiptUrl(open.id, 'text'), owner());
    expect(asText.status).toBe(409);

    expect((await pos.voidTicket(manager(), open.id)).status).toBe(200);
    expect((await pos.receipt(owner(), open.id)).body.error).toMatchObject({
      code: 'TICKET_NOT_SETTLED',
      details: { status: 'voided' },
    });
    expect((await pos.receipt(owner(), '0196a0f2-0000-7000-8000-000000000000')).status).toBe(404);
  });
});
