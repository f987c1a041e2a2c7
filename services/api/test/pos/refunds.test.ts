import { ticketRefundedPayload } from '@tenantry/inventory';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { inventoryClient } from '../inventory/support';
import { eventTypesAbout, tenantRows } from '../rbac/support';
import { eventually, posClient, refundRowsOf, usePosTenant } from './support';

describe('refunding a settled ticket', () => {
  const app = usePosTenant('pos-refund');
  const pos = posClient(() => app.t);
  const inventory = inventoryClient(() => app.t);
  const owner = () => app.members.owner.token;
  const manager = () => app.members.manager.token;
  const cashier = () => app.members.cashier.token;
  let shiftId: string;

  beforeAll(async () => {
    // Tax-exclusive prices: 20 % standard, 5 % reduced.
    const settings = await pos.updateSettings(owner(), { taxRates: { standard: 2000, reduced: 500 } });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    shiftId = (await pos.openShift(cashier(), app.registerId, 10_000)).id;
  });

  /** A 3 x 3.33 line (999 + 200 tax = 1199) and a 1 x 2.50 line at 5 % (12.5 -> 12, total 262), in stock. */
  const stockedPair = async () => {
    const standard = await inventory.makeItem(owner(), { price: 333 });
    const reduced = await inventory.makeItem(owner(), { price: 250, taxCategory: 'reduced' });
    await inventory.receive(owner(), standard.id, app.locationId, 10);
    await inventory.receive(owner(), reduced.id, app.locationId, 10);
    return { standard, reduced };
  };

  // Inventory's own events name the ticket too (the sale's source); these are POS's.
  const posEventsAbout = async (ticketId: string) =>
    (await eventTypesAbout(app.t, app.tenantId, ticketId)).filter((type) => type.startsWith('pos.'));
  const onHand = (itemId: string) => inventory.onHand(owner(), itemId, app.locationId);
  const restockMovements = (refundId: string) =>
    tenantRows<{ item_id: string; quantity: number }>(
      app.t,
      app.tenantId,
      sql`select item_id, quantity from stock_movements where type = 'refund' and source_id = ${refundId}`,
    );

  /** Settled with nothing refunded and no refund event: what a refused refund must leave behind. */
  const expectUntouched = async (ticketId: string) => {
    const rows = await refundRowsOf(app.t, app.tenantId, ticketId);
    expect(rows.refunds).toEqual([]);
    expect(rows.refundLines).toEqual([]);
    expect(Number(rows.ticket?.refunded_total)).toBe(0);
    expect(rows.lines.map((line) => line.refunded_quantity).every((quantity) => quantity === 0)).toBe(true);
    expect(await posEventsAbout(ticketId)).toEqual(['pos.ticket.settled']);
    const listed = await pos.refunds(owner(), ticketId);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([]);
  };

  it('refunds everything not yet refunded by default, to the payment method, and the worker restocks it', async () => {
    const { standard, reduced } = await stockedPair();
    const sold = await pos.sell(cashier(), shiftId, [
      { itemId: standard.id, quantity: 3 },
      { itemId: reduced.id, quantity: 1 },
    ]);
    expect(sold).toMatchObject({ total: 1461, taxTotal: 212 });
    await eventually(async () => (await onHand(standard.id)) === 7, 'sale deducted');
    const [lineA, lineB] = sold.lines;

    const response = await pos.refund(manager(), sold.id, { reason: 'changed their mind' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const refund = response.body.data;
    expect(refund).toMatchObject({
      ticketId: sold.id,
      locationId: app.locationId,
      method: 'cash',
      shiftId,
      amount: 1461,
      tax: 212,
      reason: 'changed their mind',
      restock: true,
      createdBy: app.members.manager.userId,
    });
    expect(refund.lines).toEqual([
      { lineId: lineA.id, itemId: standard.id, quantity: 3, amount: 1199, tax: 200 },
      { lineId: lineB.id, itemId: reduced.id, quantity: 1, amount: 262, tax: 12 },
    ]);

    const ticket = (await pos.ticket(owner(), sold.id)).body.data;
    expect(ticket.refundedTotal).toBe(1461);
    expect(ticket.lines.map((line: { refundedQuantity: number }) => line.refundedQuantity)).toEqual([3, 1]);
    expect((await pos.refunds(cashier(), sold.id)).body.data).toEqual([refund]);

    // The event, its payload as inventory reads it, and the audit row, all committed with the refund.
    expect(await posEventsAbout(sold.id)).toEqual(['pos.ticket.settled', 'pos.ticket.refunded']);
    const [event] = await tenantRows<{ data: unknown }>(
      app.t,
      app.tenantId,
      sql`select data from event_outbox where type = 'pos.ticket.refunded' and entity_id = ${sold.id}`,
    );
    expect(ticketRefundedPayload.parse(event?.data)).toEqual({
      refundId: refund.id,
      ticketId: sold.id,
      locationId: app.locationId,
      restock: true,
      lines: [
        { lineId: lineA.id, itemId: standard.id, quantity: 3 },
        { lineId: lineB.id, itemId: reduced.id, quantity: 1 },
      ],
    });
    const audit = await tenantRows<{ action: string; actor_id: string }>(
      app.t,
      app.tenantId,
      sql`select action, actor_id from audit_events where entity_id = ${sold.id} and action = 'ticket.refunded'`,
    );
    expect(audit).toEqual([{ action: 'ticket.refunded', actor_id: app.members.manager.userId }]);

    await eventually(
      async () => (await onHand(standard.id)) === 10 && (await onHand(reduced.id)) === 10,
      'refund restocked',
    );
    expect((await restockMovements(refund.id)).map((row) => [row.item_id, row.quantity]).sort()).toEqual(
      [
        [standard.id, 3],
        [reduced.id, 1],
      ].sort(),
    );

    // Nothing is left: a second full refund is refused.
    const again = await pos.refund(manager(), sold.id);
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('NOTHING_TO_REFUND');
  });

  it('refunds a line in parts that add up to exactly its total and its tax', async () => {
    const { standard, reduced } = await stockedPair();
    const sold = await pos.sellByCard(cashier(), shiftId, [
      { itemId: standard.id, quantity: 3 },
      { itemId: reduced.id, quantity: 1 },
    ]);
    const [lineA] = sold.lines;
    expect(lineA).toMatchObject({ quantity: 3, total: 1199, tax: 200 });

    const parts = [];
    for (let unit = 0; unit < 3; unit += 1) {
      const response = await pos.refund(manager(), sold.id, { lines: [{ lineId: lineA.id, quantity: 1 }] });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      parts.push(response.body.data);
    }
    // 1199 / 3 = 399.67 -> 400 and 200 / 3 = 66.67 -> 67, twice; the last part takes what is left.
    expect(parts.map((part) => [part.method, part.shiftId, part.amount, part.tax])).toEqual([
      ['card', null, 400, 67],
      ['card', null, 400, 67],
      ['card', null, 399, 66],
    ]);
    expect(parts.map((part) => part.lines)).toEqual(
      [
        [400, 67],
        [400, 67],
        [399, 66],
      ].map(([amount, tax]) => [{ lineId: lineA.id, itemId: standard.id, quantity: 1, amount, tax }]),
    );

    const ticket = (await pos.ticket(owner(), sold.id)).body.data;
    expect(ticket.refundedTotal).toBe(1199);
    expect(ticket.lines.map((line: { refundedQuantity: number }) => line.refundedQuantity)).toEqual([3, 0]);
    const listed = (await pos.refunds(owner(), sold.id)).body.data;
    expect(listed.map((refund: { id: string }) => refund.id)).toEqual(parts.map((part) => part.id));

    const beyond = await pos.refund(manager(), sold.id, { lines: [{ lineId: lineA.id, quantity: 1 }] });
    expect(beyond.status).toBe(422);
    expect(beyond.body.error).toMatchObject({ code: 'REFUND_EXCEEDS_SOLD', details: { refundable: 0 } });
  });

  it('leaves the stock alone when the goods do not go back on the shelf', async () => {
    const { standard } = await stockedPair();
    const sold = await pos.sell(cashier(), shiftId, [{ itemId: standard.id, quantity: 2 }]);
    await eventually(async () => (await onHand(standard.id)) === 8, 'sale deducted');

    const response = await pos.refund(manager(), sold.id, { restock: false, reason: 'damaged' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.data).toMatchObject({ restock: false, amount: 799 });

    // Wait until inventory has handled the refund event, then look: no restock.
    await eventually(async () => {
      const handled = await tenantRows<{ event_id: string }>(
        app.t,
        app.tenantId,
        sql`select i.event_id from event_inbox i join event_outbox o on o.event_id = i.event_id
            where i.consumer = 'inventory.stock-from-sales' and o.type = 'pos.ticket.refunded'
              and o.data->>'refundId' = ${response.body.data.id}`,
      );
      return handled.length === 1;
    }, 'refund event handled');
    expect(await onHand(standard.id)).toBe(8);
    expect(await restockMovements(response.body.data.id)).toEqual([]);
  });

  it('refuses to refund more than was sold and writes nothing', async () => {
    const { standard, reduced } = await stockedPair();
    const sold = await pos.sell(cashier(), shiftId, [
      { itemId: standard.id, quantity: 2 },
      { itemId: reduced.id, quantity: 1 },
    ]);
    const [lineA, lineB] = sold.lines;

    const tooMany = await pos.refund(manager(), sold.id, { lines: [{ lineId: lineA.id, quantity: 3 }] });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error).toMatchObject({
      code: 'REFUND_EXCEEDS_SOLD',
      details: { quantity: 3, refundable: 2 },
    });
    // One line within what was sold, one beyond: the whole refund is refused.
    const mixed = await pos.refund(manager(), sold.id, {
      lines: [
        { lineId: lineA.id, quantity: 1 },
        { lineId: lineB.id, quantity: 2 },
      ],
    });
    expect(mixed.status).toBe(422);
    expect(mixed.body.error.code).toBe('REFUND_EXCEEDS_SOLD');
    const unknownLine = await pos.refund(manager(), sold.id, {
      lines: [{ lineId: '0196a0f2-0000-7000-8000-000000000000', quantity: 1 }],
    });
    expect(unknownLine.status).toBe(404);
    const twice = await pos.refund(manager(), sold.id, {
      lines: [
        { lineId: lineA.id, quantity: 1 },
        { lineId: lineA.id, quantity: 1 },
      ],
    });
    expect(twice.status).toBe(400);

    await expectUntouched(sold.id);
  });

  it('refuses a cashier, who does not hold pos.ticket.refund, and writes nothing', async () => {
    const { standard } = await stockedPair();
    const sold = await pos.sell(cashier(), shiftId, [{ itemId: standard.id, quantity: 1 }]);

    const refused = await pos.refund(cashier(), sold.id);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toMatchObject({ permission: 'pos.ticket.refund' });
    const partial = await pos.refund(cashier(), sold.id, {
      lines: [{ lineId: sold.lines[0].id, quantity: 1 }],
    });
    expect(partial.status).toBe(403);

    await expectUntouched(sold.id);
  });

  it('refunds only settled tickets', async () => {
    const { standard } = await stockedPair();
    const open = await pos.ringUp(cashier(), shiftId, [{ itemId: standard.id, quantity: 1 }]);
    const openRefund = await pos.refund(manager(), open.id);
    expect(openRefund.status).toBe(409);
    expect(openRefund.body.error).toMatchObject({ code: 'TICKET_NOT_SETTLED', details: { status: 'open' } });

    const voided = await pos.openTicket(manager(), shiftId);
    expect((await pos.voidTicket(manager(), voided.id)).status).toBe(200);
    const voidedRefund = await pos.refund(manager(), voided.id);
    expect(voidedRefund.status).toBe(409);
    expect(voidedRefund.body.error).toMatchObject({
      code: 'TICKET_NOT_SETTLED',
      details: { status: 'voided' },
    });

    const rows = await refundRowsOf(app.t, app.tenantId, open.id);
    expect(rows.refunds).toEqual([]);
    expect(Number(rows.ticket?.refunded_total)).toBe(0);
    expect((await pos.refunds(owner(), '0196a0f2-0000-7000-8000-000000000000')).status).toBe(404);
  });
});
