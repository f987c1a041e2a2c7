import { beforeAll, describe, expect, it } from 'vitest';
import { activeTenant } from '../identity/support';
import { inventoryClient } from '../inventory/support';
import { posClient, refundRowsOf, usePosTenant } from './support';

describe('refunds, receipts and reports across tenants', () => {
  const app = usePosTenant('pos-tenant-a');
  const pos = posClient(() => app.t);
  const inventory = inventoryClient(() => app.t);
  const ownerA = () => app.members.owner.token;
  let ownerB: string;

  beforeAll(async () => {
    const tenantB = await activeTenant(app.t, app.root, 'pos-tenant-b');
    // On the same plan as A, so POS is enabled for B and a refusal can only come from tenancy.
    const plan = await app.t.call({
      method: 'PUT',
      url: `/v1/superadmin/tenants/${tenantB.tenantId}/plan`,
      token: app.root,
      body: { planKey: 'pro' },
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    ownerB = tenantB.tokens.accessToken;
  });

  it("answers 404 to another tenant for A's ticket, receipt, refunds and shift report, and cannot refund it", async () => {
    const item = await inventory.makeItem(ownerA(), { price: 700 });
    const shift = await pos.openShift(ownerA(), app.registerId, 1_000);
    const sold = await pos.sell(ownerA(), shift.id, [{ itemId: item.id, quantity: 2 }]);
    const before = await refundRowsOf(app.t, app.tenantId, sold.id);

    // B's owner holds every POS permission in B, and B has POS: the guard lets the calls through.
    const b = {
      ticket: await pos.ticket(ownerB, sold.id),
      receipt: await pos.receipt(ownerB, sold.id),
      refunds: await pos.refunds(ownerB, sold.id),
      report: await pos.shiftReport(ownerB, shift.id),
      refund: await pos.refund(ownerB, sold.id, { method: 'card' }),
      partial: await pos.refund(ownerB, sold.id, { lines: [{ lineId: sold.lines[0].id, quantity: 1 }] }),
    };
    for (const [what, response] of Object.entries(b)) {
      expect([what, response.status, response.body.error?.code]).toEqual([what, 404, 'NOT_FOUND']);
    }
    // A's own calls still work, so the 404s are about who asks.
    expect((await pos.receipt(ownerA(), sold.id)).status).toBe(200);
    expect((await pos.shiftReport(ownerA(), shift.id)).body.data.ticketCount).toBe(1);
    // B's day at A's location shows none of A's sales.
    const day = String(sold.settledAt).slice(0, 10);
    const daily = await pos.dailyReport(ownerB, app.locationId, day);
    expect(daily.status).toBe(200);
    expect(daily.body.data).toMatchObject({ ticketCount: 0, grossSales: 0, refunds: { count: 0 } });

    const after = await refundRowsOf(app.t, app.tenantId, sold.id);
    expect(after).toEqual(before);
    expect(after.refunds).toEqual([]);
    expect(Number(after.ticket?.refunded_total)).toBe(0);
    expect((await pos.ticket(ownerA(), sold.id)).body.data).toEqual(sold);
    expect((await pos.refunds(ownerA(), sold.id)).body.data).toEqual([]);
  });
});
