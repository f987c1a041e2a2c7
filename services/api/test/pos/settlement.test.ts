import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inventoryClient } from '../inventory/support';
import { tenantRows } from '../rbac/support';
import { eventually, posClient, usePosTenant } from './support';

describe('settling tickets under concurrency and retries', () => {
  const app = usePosTenant('pos-settle');
  const pos = posClient(() => app.t);
  const inventory = inventoryClient(() => app.t);
  const owner = () => app.members.owner.token;
  const cashier = () => app.members.cashier.token;

  const settledEventsOf = async (ticketId: string) =>
    (
      await tenantRows<{ n: number }>(
        app.t,
        app.tenantId,
        sql`select count(*)::int as n from event_outbox where type = 'pos.ticket.settled' and entity_id = ${ticketId}`,
      )
    )[0]?.n;

  it('gives 50 concurrent settlements at one location 50 distinct consecutive receipt numbers', async () => {
    const location = await inventory.makeLocation(owner());
    const item = await inventory.makeItem(owner(), { price: 199 });
    await inventory.receive(owner(), item.id, location.id, 100);
    // Five registers at the store, ten tickets each, all settled at once.
    const shifts = [];
    for (let register = 0; register < 5; register++) {
      shifts.push(await pos.openShift(owner(), (await pos.makeRegister(owner(), location.id)).id));
    }
    const tickets = [];
    for (let index = 0; index < 50; index++) {
      tickets.push(await pos.ringUp(cashier(), shifts[index % 5].id, [{ itemId: item.id, quantity: 1 }]));
    }
    const settled = await Promise.all(tickets.map((ticket) => pos.settle(cashier(), ticket.id)));
    for (const response of settled) expect(response.status, JSON.stringify(response.body)).toBe(200);
    const numbers = settled
      .map((response) => response.body.data.receiptNumber as number)
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    await eventually(
      async () => (await inventory.onHand(owner(), item.id, location.id)) === 50,
      'stock deducted',
    );
  });

  it('numbers each location on its own', async () => {
    const first = await inventory.makeLocation(owner());
    const second = await inventory.makeLocation(owner());
    const item = await inventory.makeItem(owner(), { price: 100 });
    const shiftAt = async (locationId: string) =>
      pos.openShift(owner(), (await pos.makeRegister(owner(), locationId)).id);
    const [shiftA, shiftB] = [await shiftAt(first.id), await shiftAt(second.id)];
    const line = [{ itemId: item.id, quantity: 1 }];
    expect((await pos.sell(owner(), shiftA.id, line)).receiptNumber).toBe(1);
    expect((await pos.sell(owner(), shiftA.id, line)).receiptNumber).toBe(2);
    expect((await pos.sell(owner(), shiftB.id, line)).receiptNumber).toBe(1);
  });

  it('settles once when the same request is replayed with its Idempotency-Key', async () => {
    const item = await inventory.makeItem(owner(), { price: 250 });
    await inventory.receive(owner(), item.id, app.locationId, 10);
    const shift = await pos.openShift(owner(), (await pos.makeRegister(owner(), app.locationId)).id);
    const ticket = await pos.ringUp(cashier(), shift.id, [{ itemId: item.id, quantity: 2 }]);
    const key = { 'idempotency-key': `settle-${ticket.id}` };
    const first = await pos.settle(cashier(), ticket.id, key);
    expect(first.status).toBe(200);
    const replays = await Promise.all(Array.from({ length: 5 }, () => pos.settle(cashier(), ticket.id, key)));
    for (const replay of replays) {
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual(first.body);
    }
    // Without the key a second settle is refused: the ticket is settled once.
    expect((await pos.settle(cashier(), ticket.id)).body.error.code).toBe('TICKET_NOT_OPEN');
    expect(await settledEventsOf(ticket.id)).toBe(1);
    await eventually(
      async () => (await inventory.onHand(owner(), item.id, app.locationId)) === 8,
      'stock deducted',
    );
  });

  it('closes a shift with the expected cash and the variance', async () => {
    const item = await inventory.makeItem(owner(), { price: 1_000 });
    const shift = await pos.openShift(cashier(), (await pos.makeRegister(owner(), app.locationId)).id, 5_000);
    // Cash: 1,000 paid with 2,000 (1,000 change back); card: 2,000; split: 1,500 card + 1,500 cash.
    await pos.sell(cashier(), shift.id, [{ itemId: item.id, quantity: 1 }]);
    const cardTicket = await pos.ringUp(cashier(), shift.id, [{ itemId: item.id, quantity: 2 }], 'card');
    await pos.settle(cashier(), cardTicket.id);
    const split = await pos.openTicket(cashier(), shift.id);
    await pos.addLine(cashier(), split.id, { itemId: item.id, quantity: 3 });
    await pos.pay(cashier(), split.id, { method: 'card', amount: 1_500, reference: 'auth-7' });
    await pos.pay(cashier(), split.id, { method: 'cash', amount: 2_000 });
    await pos.settle(cashier(), split.id);
    // An open ticket with cash on it blocks the close until it is settled or voided.
    const pending = await pos.ringUp(cashier(), shift.id, [{ itemId: item.id, quantity: 1 }]);
    const blocked = await pos.call('POST', `/v1/pos/shifts/${shift.id}/close`, cashier(), { countedCash: 0 });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toMatchObject({
      code: 'SHIFT_HAS_OPEN_TICKETS',
      details: { ticketIds: [pending.id] },
    });
    const voided = await pos.call('POST', `/v1/pos/tickets/${pending.id}/void`, owner(), {
      reason: 'walked out',
    });
    expect(voided.body.data).toMatchObject({ status: 'voided', voidReason: 'walked out' });

    const closed = await pos.call('POST', `/v1/pos/shifts/${shift.id}/close`, cashier(), {
      countedCash: 7_400,
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    // 5,000 float + 1,000 + 1,500 cash kept = 7,500 expected; 7,400 counted is 100 short.
    expect(closed.body.data).toMatchObject({
      status: 'closed',
      cashSales: 2_500,
      cashRefunds: 0,
      expectedCash: 7_500,
      countedCash: 7_400,
      variance: -100,
    });
    const again = await pos.call('POST', `/v1/pos/shifts/${shift.id}/close`, cashier(), {
      countedCash: 7_400,
    });
    expect(again.body.error.code).toBe('SHIFT_CLOSED');
    expect(
      (await pos.call('POST', '/v1/pos/tickets', cashier(), { shiftId: shift.id })).body.error.code,
    ).toBe('SHIFT_CLOSED');
  });

  it('keeps one open shift per register', async () => {
    const registerId = (await pos.makeRegister(owner(), app.locationId)).id;
    const opened = await Promise.all(
      Array.from({ length: 5 }, () =>
        pos.call('POST', '/v1/pos/shifts', cashier(), { registerId, openingFloat: 0 }),
      ),
    );
    expect(opened.map((response) => response.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });
});
