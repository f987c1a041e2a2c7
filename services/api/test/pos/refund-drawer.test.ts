import { beforeAll, describe, expect, it } from 'vitest';
import { inventoryClient } from '../inventory/support';
import { posClient, refundRowsOf, usePosTenant } from './support';

describe('cash refunds and the drawer they are paid from', () => {
  const app = usePosTenant('pos-drawer');
  const pos = posClient(() => app.t);
  const inventory = inventoryClient(() => app.t);
  const owner = () => app.members.owner.token;
  const manager = () => app.members.manager.token;
  const cashier = () => app.members.cashier.token;
  let itemId: string;

  beforeAll(async () => {
    const settings = await pos.updateSettings(owner(), { taxRates: { standard: 2000 } });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    // 5.00 + 20 % tax: each unit sells for 6.00.
    itemId = (await inventory.makeItem(owner(), { price: 500 })).id;
  });

  const newShift = async (openingFloat: number, locationId = app.locationId) =>
    pos.openShift(cashier(), (await pos.makeRegister(owner(), locationId)).id, openingFloat);

  it("pays a cash refund from the ticket's open shift, so the drawer expects that much less at close", async () => {
    const shift = await newShift(5_000);
    const sold = await pos.sell(cashier(), shift.id, [{ itemId, quantity: 2 }]);
    expect(sold.total).toBe(1_200);

    const refund = await pos.refund(manager(), sold.id, {
      lines: [{ lineId: sold.lines[0].id, quantity: 1 }],
    });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    expect(refund.body.data).toMatchObject({ method: 'cash', shiftId: shift.id, amount: 600, tax: 100 });

    // 50.00 float + 12.00 taken - 6.00 paid back.
    const closed = await pos.closeShift(cashier(), shift.id, 5_600);
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.data).toMatchObject({
      cashSales: 1_200,
      cashRefunds: 600,
      expectedCash: 5_600,
      countedCash: 5_600,
      variance: 0,
    });
  });

  it("pays from another open shift at the location once the ticket's own has closed, and says so when none is named", async () => {
    const first = await newShift(1_000);
    const sold = await pos.sell(cashier(), first.id, [{ itemId, quantity: 3 }]);
    expect((await pos.closeShift(cashier(), first.id, 1_000 + 1_800)).status).toBe(200);
    const oneUnit = { lines: [{ lineId: sold.lines[0].id, quantity: 1 }] };

    const nowhere = await pos.refund(manager(), sold.id, oneUnit);
    expect(nowhere.status).toBe(422);
    expect(nowhere.body.error).toMatchObject({
      code: 'CASH_REFUND_NEEDS_OPEN_SHIFT',
      details: { shiftId: first.id, status: 'closed' },
    });
    const namedClosed = await pos.refund(manager(), sold.id, { ...oneUnit, shiftId: first.id });
    expect(namedClosed.body.error.code).toBe('CASH_REFUND_NEEDS_OPEN_SHIFT');

    // A card refund touches no drawer, so a closed shift does not matter; it may not name one.
    const byCard = await pos.refund(manager(), sold.id, { ...oneUnit, method: 'card' });
    expect(byCard.status, JSON.stringify(byCard.body)).toBe(201);
    expect(byCard.body.data).toMatchObject({ method: 'card', shiftId: null, amount: 600 });

    const second = await newShift(3_000);
    const cardWithShift = await pos.refund(manager(), sold.id, {
      ...oneUnit,
      method: 'card',
      shiftId: second.id,
    });
    expect(cardWithShift.status).toBe(422);
    expect(cardWithShift.body.error.code).toBe('REFUND_SHIFT_FOR_CARD');

    const elsewhere = await newShift(0, (await inventory.makeLocation(owner())).id);
    const otherStore = await pos.refund(manager(), sold.id, { ...oneUnit, shiftId: elsewhere.id });
    expect(otherStore.status).toBe(422);
    expect(otherStore.body.error).toMatchObject({
      code: 'REFUND_SHIFT_ELSEWHERE',
      details: { shiftId: elsewhere.id, ticketLocationId: app.locationId },
    });
    const unknownShift = await pos.refund(manager(), sold.id, {
      ...oneUnit,
      shiftId: '0196a0f2-0000-7000-8000-000000000000',
    });
    expect(unknownShift.status).toBe(404);

    const fromSecond = await pos.refund(manager(), sold.id, { ...oneUnit, shiftId: second.id });
    expect(fromSecond.status, JSON.stringify(fromSecond.body)).toBe(201);
    expect(fromSecond.body.data).toMatchObject({ method: 'cash', shiftId: second.id, amount: 600 });

    // Refused attempts wrote nothing: the ticket shows the two refunds that went through.
    const rows = await refundRowsOf(app.t, app.tenantId, sold.id);
    expect(rows.refunds).toHaveLength(2);
    expect(Number(rows.ticket?.refunded_total)).toBe(1_200);
    expect(rows.lines.map((line) => line.refunded_quantity)).toEqual([2]);

    const closed = await pos.closeShift(cashier(), second.id, 2_400);
    expect(closed.body.data).toMatchObject({
      cashSales: 0,
      cashRefunds: 600,
      expectedCash: 2_400,
      variance: 0,
    });
  });

  it('defaults a ticket paid several ways to a cash refund', async () => {
    const shift = await newShift(2_000);
    const ticket = await pos.openTicket(cashier(), shift.id);
    await pos.addLine(cashier(), ticket.id, { itemId, quantity: 1 });
    expect((await pos.pay(cashier(), ticket.id, { method: 'card', amount: 200 })).status).toBe(201);
    expect((await pos.pay(cashier(), ticket.id, { method: 'cash', amount: 400 })).status).toBe(201);
    expect((await pos.settle(cashier(), ticket.id)).status).toBe(200);

    const refund = await pos.refund(manager(), ticket.id);
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    expect(refund.body.data).toMatchObject({ method: 'cash', shiftId: shift.id, amount: 600 });
  });

  it('lets exactly one of ten concurrent refunds of a single unit through', async () => {
    const shift = await newShift(10_000);
    const sold = await pos.sell(cashier(), shift.id, [{ itemId, quantity: 1 }]);
    const body = { lines: [{ lineId: sold.lines[0].id, quantity: 1 }] };

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => pos.refund(manager(), sold.id, body)),
    );

    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(422)]);
    for (const refused of responses.filter((response) => response.status === 422)) {
      expect(refused.body.error.code).toBe('REFUND_EXCEEDS_SOLD');
    }
    const rows = await refundRowsOf(app.t, app.tenantId, sold.id);
    expect(rows.refunds).toHaveLength(1);
    expect(rows.refundLines).toHaveLength(1);
    expect(rows.lines.map((line) => line.refunded_quantity)).toEqual([1]);
    expect(Number(rows.ticket?.refunded_total)).toBe(600);
    // The drawer paid out once.
    const closed = await pos.closeShift(cashier(), shift.id, 10_000);
    expect(closed.body.data).toMatchObject({ cashSales: 600, cashRefunds: 600, expectedCash: 10_000 });
  });
});
