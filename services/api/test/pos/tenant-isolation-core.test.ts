import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeTenant } from '../identity/support';
import { inventoryClient } from '../inventory/support';
import { tenantRows } from '../rbac/support';
import { posClient, usePosTenant } from './support';

/** Tenant B replays tenant A's ids on every item, shift and ticket route: each is 404 and A is untouched. */
describe('POS and inventory tenant isolation', () => {
  const app = usePosTenant('isolation-a');
  const pos = posClient(() => app.t);
  const inventory = inventoryClient(() => app.t);
  const ids = {} as {
    item: string;
    shift: string;
    open: string;
    settled: string;
    line: string;
    register: string;
  };
  let intruder = '';

  const fingerprint = () =>
    tenantRows<{ state: string }>(
      app.t,
      app.tenantId,
      sql`select md5(string_agg(row_text, '|' order by row_text)) as state from (
            select t::text as row_text from pos_tickets t
            union all select l::text from pos_ticket_lines l
            union all select p::text from pos_payments p
            union all select s::text from pos_shifts s
            union all select i::text from inventory_items i
            union all select v::text from stock_levels v) rows`,
    );

  beforeAll(async () => {
    const owner = app.members.owner.token;
    const item = await inventory.makeItem(owner, { price: 700 });
    await inventory.receive(owner, item.id, app.locationId, 5);
    const shift = await pos.openShift(owner, app.registerId);
    const open = await pos.openTicket(owner, shift.id);
    const line = (await pos.addLine(owner, open.id, { itemId: item.id, quantity: 1 })).body.data.lines[0].id;
    const settled = await pos.sell(owner, shift.id, [{ itemId: item.id, quantity: 1 }]);
    Object.assign(ids, {
      item: item.id,
      shift: shift.id,
      open: open.id,
      settled: settled.id,
      line,
      register: app.registerId,
    });
    intruder = (await activeTenant(app.t, app.root, 'isolation-b')).tokens.accessToken;
  });

  it('answers 404 to every read and write of another tenant’s rows, and changes nothing', async () => {
    const before = await fingerprint();
    const attempts: [string, string, unknown?][] = [
      ['GET', `/v1/inventory/items/${ids.item}`],
      ['PATCH', `/v1/inventory/items/${ids.item}`, { price: 1 }],
      ['GET', `/v1/inventory/items/${ids.item}/stock`],
      [
        'POST',
        '/v1/inventory/movements',
        { type: 'receive', itemId: ids.item, locationId: app.locationId, quantity: 1, reason: 'x' },
      ],
      ['GET', `/v1/pos/shifts/${ids.shift}`],
      ['POST', `/v1/pos/shifts/${ids.shift}/close`, { countedCash: 0 }],
      ['POST', '/v1/pos/shifts', { registerId: ids.register, openingFloat: 0 }],
      ['POST', '/v1/pos/registers', { name: 'Mine now', locationId: app.locationId }],
      ['POST', '/v1/pos/tickets', { shiftId: ids.shift }],
      ['GET', `/v1/pos/tickets/${ids.open}`],
      ['GET', `/v1/pos/tickets/${ids.settled}`],
      ['POST', `/v1/pos/tickets/${ids.open}/lines`, { itemId: ids.item, quantity: 1 }],
      ['PATCH', `/v1/pos/tickets/${ids.open}/lines/${ids.line}`, { quantity: 5 }],
      ['DELETE', `/v1/pos/tickets/${ids.open}/lines/${ids.line}`],
      ['PATCH', `/v1/pos/tickets/${ids.open}`, { ticketDiscount: 0 }],
      ['POST', `/v1/pos/tickets/${ids.open}/payments`, { method: 'card', amount: 1 }],
      ['POST', `/v1/pos/tickets/${ids.open}/settle`],
      ['POST', `/v1/pos/tickets/${ids.open}/void`, { reason: 'mine' }],
      ['GET', `/v1/pos/tickets/${randomUUID()}`],
    ];
    for (const [method, url, body] of attempts) {
      const response = await pos.call(method as 'GET', url, intruder, body);
      expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
    expect(await fingerprint()).toEqual(before);
    // Tenant B's own lists do not show A's rows either.
    expect((await pos.call('GET', '/v1/pos/registers', intruder)).body.data).toEqual([]);
    expect((await inventory.call('GET', '/v1/inventory/items', intruder)).body.data).toEqual([]);
  });
});
