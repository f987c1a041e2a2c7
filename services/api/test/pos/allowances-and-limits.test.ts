import { describe, expect, it } from 'vitest';
import { expectRefused } from '../identity/tenant-admin-support';
import { inventoryClient } from '../inventory/support';
import { posClient, usePosTenant } from './support';

describe('what a cashier may change, and the limits of amounts', () => {
  const app = usePosTenant('pos-allowances');
  const pos = posClient(() => app.t);
  const inventory = inventoryClient(() => app.t);
  const owner = () => app.members.owner.token;
  const manager = () => app.members.manager.token;
  const cashier = () => app.members.cashier.token;
  const freshShift = async () => pos.openShift(owner(), (await pos.makeRegister(owner(), app.locationId)).id);
  const lineUrl = (ticketId: string, lineId: string) => `/v1/pos/tickets/${ticketId}/lines/${lineId}`;

  it('keeps a manager’s ticket discount from being concentrated by a cashier removing lines', async () => {
    const dear = await inventory.makeItem(owner(), { price: 1_000 });
    const cheap = await inventory.makeItem(owner(), { price: 100 });
    const ticket = await pos.openTicket(cashier(), (await freshShift()).id);
    const first = (await pos.addLine(cashier(), ticket.id, { itemId: dear.id, quantity: 1 })).body.data
      .lines[0];
    await pos.call('PATCH', `/v1/pos/tickets/${ticket.id}`, manager(), { ticketDiscount: 100 });
    await pos.addLine(cashier(), ticket.id, { itemId: cheap.id, quantity: 1 });
    expectRefused(await pos.call('DELETE', lineUrl(ticket.id, first.id), cashier()), 403);
    expectRefused(await pos.call('PATCH', lineUrl(ticket.id, first.id), cashier(), { quantity: 2 }), 403);
    expect((await pos.ticket(cashier(), ticket.id)).body.data.lines).toHaveLength(2);
    expect((await pos.call('DELETE', lineUrl(ticket.id, first.id), manager())).status).toBe(200);
  });

  it('keeps a manager’s price override from being scaled up by a cashier', async () => {
    const item = await inventory.makeItem(owner(), { price: 1_000 });
    const ticket = await pos.openTicket(cashier(), (await freshShift()).id);
    const line = (await pos.addLine(manager(), ticket.id, { itemId: item.id, quantity: 1, unitPrice: 1 }))
      .body.data.lines[0];
    expectRefused(await pos.call('PATCH', lineUrl(ticket.id, line.id), cashier(), { quantity: 1_000 }), 403);
    expect((await pos.ticket(cashier(), ticket.id)).body.data.lines[0].quantity).toBe(1);
    // An ordinary line the cashier may still change.
    const plain = (await pos.addLine(cashier(), ticket.id, { itemId: item.id, quantity: 1 })).body.data
      .lines[1];
    expect((await pos.call('PATCH', lineUrl(ticket.id, plain.id), cashier(), { quantity: 3 })).status).toBe(
      200,
    );
  });

  it('taxes an item whose category is named like an object property at zero, without failing', async () => {
    const item = await inventory.makeItem(owner(), { price: 500, taxCategory: 'constructor' });
    const ticket = await pos.openTicket(cashier(), (await freshShift()).id);
    const added = await pos.addLine(cashier(), ticket.id, { itemId: item.id, quantity: 1 });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.data.lines[0]).toMatchObject({ taxRateBps: 0, tax: 0 });
  });

  it('refuses amounts beyond what a till may carry with a validation error, writing nothing', async () => {
    const registerId = (await pos.makeRegister(owner(), app.locationId)).id;
    expectRefused(
      await pos.call('POST', '/v1/pos/shifts', owner(), {
        registerId,
        openingFloat: Number.MAX_SAFE_INTEGER,
      }),
      400,
      'VALIDATION',
    );
    const item = await inventory.makeItem(owner(), { price: 1 });
    const ticket = await pos.openTicket(cashier(), (await freshShift()).id);
    await pos.addLine(cashier(), ticket.id, { itemId: item.id, quantity: 1 });
    expectRefused(
      await pos.pay(cashier(), ticket.id, { method: 'cash', amount: Number.MAX_SAFE_INTEGER }),
      400,
    );
    const huge = await inventory.makeItem(owner(), { price: 1_000_000_000_000 });
    expectRefused(
      await pos.addLine(owner(), ticket.id, { itemId: huge.id, quantity: 100 }),
      422,
      'TOTAL_TOO_LARGE',
    );
    const state = (await pos.ticket(cashier(), ticket.id)).body.data;
    expect(state).toMatchObject({ total: state.lines[0].total, paid: 0, payments: [] });
  });

  it('does not count a ticket refused on a closed shift against the monthly quota', async () => {
    const shift = await freshShift();
    await pos.call('POST', `/v1/pos/shifts/${shift.id}/close`, owner(), { countedCash: shift.openingFloat });
    const used = async () =>
      (
        await app.t.call({ method: 'GET', url: '/v1/tenants/current/entitlements', token: owner() })
      ).body.data.quotas.find((quota: { quota: string }) => quota.quota === 'pos_tickets_per_month').used;
    const before = await used();
    for (let attempt = 0; attempt < 3; attempt++) {
      expectRefused(
        await pos.call('POST', '/v1/pos/tickets', cashier(), { shiftId: shift.id }),
        409,
        'SHIFT_CLOSED',
      );
    }
    expect(await used()).toBe(before);
  });

  it('refuses report days outside the years Postgres and dates agree on', async () => {
    for (const date of ['0000-01-01', '9999-12-31']) {
      const response = await pos.call(
        'GET',
        `/v1/pos/reports/daily?locationId=${app.locationId}&date=${date}`,
        owner(),
      );
      expectRefused(response, 400, 'VALIDATION');
    }
  });
});
