import { beforeAll, describe, expect, it } from 'vitest';
import { inventoryClient } from '../inventory/support';
import { posClient, usePosTenant } from './support';

describe('POS sales reports', () => {
  const app = usePosTenant('pos-report');
  const pos = posClient(() => app.t);
  const inventory = inventoryClient(() => app.t);
  const owner = () => app.members.owner.token;
  const manager = () => app.members.manager.token;
  let locationId: string;
  let shiftId: string;
  let day: string;
  const items = { a: { id: '', sku: '', name: '' }, b: { id: '', sku: '', name: '' } };

  /** Rings up lines (with discounts), pays in the given parts, settles; answers the settled ticket. */
  const sale = async (
    lines: { itemId: string; quantity: number; lineDiscount?: number }[],
    payments: { method: 'cash' | 'card'; amount: number }[],
    ticketDiscount = 0,
  ) => {
    const ticket = await pos.openTicket(manager(), shiftId);
    for (const line of lines) expect((await pos.addLine(manager(), ticket.id, line)).status).toBe(201);
    if (ticketDiscount > 0) {
      expect((await pos.setTicketDiscount(manager(), ticket.id, ticketDiscount)).status).toBe(200);
    }
    for (const payment of payments) expect((await pos.pay(manager(), ticket.id, payment)).status).toBe(201);
    const settled = await pos.settle(manager(), ticket.id);
    expect(settled.status, JSON.stringify(settled.body)).toBe(200);
    return settled.body.data;
  };

  /*
   * A (10.00, 20 %) and B (2.50, 5 %), tax-exclusive. On one shift at a fresh store:
   *   T1 cash    A x1                          1000 + 200          = 1200 (tendered 1500)
   *   T2 card    B x2                           500 + 25           =  525
   *   T3 split   A x1, B x1                    1200 + 250 + 12.5->12 = 1462 (card 1000, cash 462 of 500)
   *   T4 cash    A x2 less 3.00 on the line    1700 + 340          = 2040
   *   T5 card    A x1, B x2, 1.50 off ticket   A 900+180, B 450+22.5->22 = 1552
   *   T6 voided  A x1
   *   refunds    T1 in full, cash (1200, tax 200); 1 of T2's 2 B, card (262.5->262, tax 12.5->12)
   */
  beforeAll(async () => {
    expect((await pos.updateSettings(owner(), { taxRates: { standard: 2000, reduced: 500 } })).status).toBe(
      200,
    );
    locationId = (await inventory.makeLocation(owner())).id;
    const register = await pos.makeRegister(owner(), locationId);
    shiftId = (await pos.openShift(manager(), register.id, 5_000)).id;
    items.a = await inventory.makeItem(owner(), { price: 1_000 });
    items.b = await inventory.makeItem(owner(), { price: 250, taxCategory: 'reduced' });
    const { a, b } = items;

    const t1 = await sale([{ itemId: a.id, quantity: 1 }], [{ method: 'cash', amount: 1_500 }]);
    const t2 = await sale([{ itemId: b.id, quantity: 2 }], [{ method: 'card', amount: 525 }]);
    const t3 = await sale(
      [
        { itemId: a.id, quantity: 1 },
        { itemId: b.id, quantity: 1 },
      ],
      [
        { method: 'card', amount: 1_000 },
        { method: 'cash', amount: 500 },
      ],
    );
    const t4 = await sale(
      [{ itemId: a.id, quantity: 2, lineDiscount: 300 }],
      [{ method: 'cash', amount: 2_040 }],
    );
    const t5 = await sale(
      [
        { itemId: a.id, quantity: 1 },
        { itemId: b.id, quantity: 2 },
      ],
      [{ method: 'card', amount: 1_552 }],
      150,
    );
    expect([t1, t2, t3, t4, t5].map((ticket) => ticket.total)).toEqual([1_200, 525, 1_462, 2_040, 1_552]);

    const t6 = await pos.openTicket(manager(), shiftId);
    await pos.addLine(manager(), t6.id, { itemId: a.id, quantity: 1 });
    expect((await pos.voidTicket(manager(), t6.id)).status).toBe(200);

    const full = await pos.refund(manager(), t1.id);
    expect(full.body.data).toMatchObject({ method: 'cash', amount: 1_200, tax: 200 });
    const part = await pos.refund(manager(), t2.id, { lines: [{ lineId: t2.lines[0].id, quantity: 1 }] });
    expect(part.body.data).toMatchObject({ method: 'card', amount: 262, tax: 12 });
    day = String(t1.settledAt).slice(0, 10);
  });

  const expectedFigures = () => ({
    ticketCount: 5,
    grossSales: 6_779,
    byPaymentMethod: [
      { method: 'card', amount: 525 + 1_000 + 1_552, count: 3 },
      { method: 'cash', amount: 1_200 + 462 + 2_040, count: 3 },
    ],
    byItem: [
      {
        itemId: items.a.id,
        sku: items.a.sku,
        name: items.a.name,
        quantity: 5,
        total: 1_200 + 1_200 + 2_040 + 1_080,
      },
      { itemId: items.b.id, sku: items.b.sku, name: items.b.name, quantity: 5, total: 525 + 262 + 472 },
    ],
    taxes: [
      { taxRateBps: 500, tax: 25 + 12 + 22 },
      { taxRateBps: 2_000, tax: 200 + 200 + 340 + 180 },
    ],
    discounts: { lineDiscounts: 300, ticketDiscounts: 150, total: 450 },
    refunds: {
      count: 2,
      amount: 1_462,
      tax: 212,
      byMethod: [
        { method: 'card', amount: 262, count: 1 },
        { method: 'cash', amount: 1_200, count: 1 },
      ],
    },
    voids: { count: 1 },
    netSales: 6_779 - 1_462,
  });

  it("reports a shift's sales, payments, items, taxes, discounts, refunds and voids", async () => {
    const response = await pos.shiftReport(manager(), shiftId);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.data).toEqual({ shiftId, locationId, ...expectedFigures() });

    // The figures agree with the drawer: 50.00 float + 37.02 cash taken - 12.00 cash refunded.
    const closed = await pos.closeShift(manager(), shiftId, 5_000 + 3_702 - 1_200);
    expect(closed.body.data).toMatchObject({ cashSales: 3_702, cashRefunds: 1_200, variance: 0 });
  });

  it("reports the location's UTC day with the same figures, and nothing for the day before", async () => {
    const response = await pos.dailyReport(owner(), locationId, day);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.data).toEqual({ locationId, date: day, ...expectedFigures() });

    const before = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const empty = await pos.dailyReport(owner(), locationId, before);
    expect(empty.body.data).toMatchObject({
      ticketCount: 0,
      grossSales: 0,
      byPaymentMethod: [],
      byItem: [],
      refunds: { count: 0, amount: 0, tax: 0, byMethod: [] },
      voids: { count: 0 },
      netSales: 0,
    });
    // Another store's day is its own.
    const other = await pos.dailyReport(owner(), app.locationId, day);
    expect(other.body.data.ticketCount).toBe(0);

    expect((await pos.dailyReport(owner(), locationId, '2025-02-30')).status).toBe(400);
  });

  it('refuses a cashier and a viewer, who do not hold pos.report.read', async () => {
    for (const token of [app.members.cashier.token, app.members.viewer.token]) {
      const shift = await pos.shiftReport(token, shiftId);
      expect(shift.status).toBe(403);
      expect(shift.body.error.details).toMatchObject({ permission: 'pos.report.read' });
      expect((await pos.dailyReport(token, locationId, day)).status).toBe(403);
    }
    expect((await pos.shiftReport(manager(), '0196a0f2-0000-7000-8000-000000000000')).status).toBe(404);
  });
});
