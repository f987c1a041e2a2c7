import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inventoryClient } from '../inventory/support';
import { tenantRows } from '../rbac/support';
import { eventually, posClient, usePosTenant } from './support';

describe('a POS sale, end to end through the worker', () => {
  const app = usePosTenant('pos-sale');
  const pos = posClient(() => app.t);
  const inventory = inventoryClient(() => app.t);
  const owner = () => app.members.owner.token;
  const cashier = () => app.members.cashier.token;

  it('settles a paid ticket and the worker deducts its stock once', async () => {
    const coffee = await inventory.makeItem(owner(), { price: 350 });
    const cake = await inventory.makeItem(owner(), { price: 425 });
    await inventory.receive(owner(), coffee.id, app.locationId, 20);
    await inventory.receive(owner(), cake.id, app.locationId, 5);
    const shift = await pos.openShift(cashier(), app.registerId, 5_000);

    const settled = await pos.sell(cashier(), shift.id, [
      { itemId: coffee.id, quantity: 2 },
      { itemId: cake.id, quantity: 1 },
    ]);
    expect(settled).toMatchObject({ status: 'settled', total: 1125, paid: 1125, due: 0 });
    expect(settled.receiptNumber).toBeGreaterThan(0);

    await eventually(
      async () => (await inventory.onHand(owner(), coffee.id, app.locationId)) === 18,
      'coffee deducted',
    );
    expect(await inventory.onHand(owner(), cake.id, app.locationId)).toBe(4);
    const movements = await tenantRows<{ type: string; quantity: number; source_id: string }>(
      app.t,
      app.tenantId,
      sqlMovementsOf(settled.id),
    );
    expect(movements.map((row) => [row.type, row.quantity]).sort()).toEqual([
      ['sale', -1],
      ['sale', -2],
    ]);
  });

  it('settles a sale past the stock on hand and flags the deduction for review', async () => {
    const item = await inventory.makeItem(owner(), { price: 90 });
    await inventory.receive(owner(), item.id, app.locationId, 1);
    const shift = await pos.openShift(owner(), (await pos.makeRegister(owner(), app.locationId)).id);
    const settled = await pos.sell(cashier(), shift.id, [{ itemId: item.id, quantity: 3 }]);
    expect(settled.status).toBe('settled');
    await eventually(
      async () => (await inventory.onHand(owner(), item.id, app.locationId)) === -2,
      'deducted',
    );
    const [movement] = await tenantRows<{ quantity: number; flagged_for_review: boolean }>(
      app.t,
      app.tenantId,
      sql`select quantity, flagged_for_review from stock_movements where source_id = ${settled.id}`,
    );
    expect(movement).toEqual({ quantity: -3, flagged_for_review: true });
  });

  it('keeps a settled ticket immutable', async () => {
    const item = await inventory.makeItem(owner(), { price: 100 });
    const shift = await pos.openShift(owner(), (await pos.makeRegister(owner(), app.locationId)).id);
    const settled = await pos.sell(owner(), shift.id, [{ itemId: item.id, quantity: 1 }]);
    const addMore = await pos.addLine(owner(), settled.id, { itemId: item.id, quantity: 1 });
    expect(addMore.status).toBe(409);
    expect(addMore.body.error.code).toBe('TICKET_NOT_OPEN');
    expect((await pos.settle(owner(), settled.id)).status).toBe(409);
    expect((await pos.ticket(owner(), settled.id)).body.data).toEqual(settled);
  });

  it('refuses to settle a ticket that is not paid in full', async () => {
    const item = await inventory.makeItem(owner(), { price: 1_000 });
    const shift = await pos.openShift(owner(), (await pos.makeRegister(owner(), app.locationId)).id);
    const ticket = await pos.openTicket(owner(), shift.id);
    expect((await pos.settle(owner(), ticket.id)).body.error.code).toBe('TICKET_EMPTY');
    await pos.addLine(owner(), ticket.id, { itemId: item.id, quantity: 1 });
    await pos.pay(owner(), ticket.id, { method: 'card', amount: 400, reference: 'auth-1' });
    const short = await pos.settle(owner(), ticket.id);
    expect(short.status).toBe(422);
    expect(short.body.error).toMatchObject({
      code: 'NOT_PAID_IN_FULL',
      details: { total: 1_000, paid: 400, due: 600 },
    });
    // Split: the rest in cash, with change.
    const cash = await pos.pay(owner(), ticket.id, { method: 'cash', amount: 2_000 });
    expect(cash.body.data.payment).toMatchObject({
      method: 'cash',
      amount: 600,
      tendered: 2_000,
      change: 1_400,
    });
    expect((await pos.settle(owner(), ticket.id)).status).toBe(200);
  });
});

const sqlMovementsOf = (ticketId: string) =>
  sql`select type, quantity, source_id from stock_movements where source_id = ${ticketId}`;
