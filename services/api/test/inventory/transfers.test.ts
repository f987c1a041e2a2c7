import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditActionsAbout, expectRefused } from '../identity/tenant-admin-support';
import { eventTypesAbout, rbacClient, useRbacTenant } from '../rbac/support';
import { inventoryClient, movementsFrom } from './support';

describe('inventory transfers', () => {
  const app = useRbacTenant('inventory-transfers');
  const inventory = inventoryClient(() => app.t);
  const rbac = rbacClient(() => app.t);
  const owner = () => app.members.owner.token;

  // The plan's locations quota is small: the tests share three locations and make fresh items.
  let places: { from: { id: string }; to: { id: string }; elsewhere: { id: string } } | undefined;
  const locations = async () => {
    places ??= {
      from: await inventory.makeLocation(owner()),
      to: await inventory.makeLocation(owner()),
      elsewhere: await inventory.makeLocation(owner()),
    };
    return places;
  };

  /** Two locations and two fresh items, with stock of both at the first. */
  const stocked = async (first = 10, second = 6) => {
    const { from, to } = await locations();
    const tea = await inventory.makeItem(owner());
    const mug = await inventory.makeItem(owner());
    await inventory.receive(owner(), tea.id, from.id, first);
    await inventory.receive(owner(), mug.id, from.id, second);
    return { from, to, tea, mug };
  };

  it('creates a draft with its lines, moves nothing, and reads it back', async () => {
    const { from, to, tea, mug } = await stocked();
    const created = await inventory.call('POST', '/v1/inventory/transfers', owner(), {
      fromLocationId: from.id,
      toLocationId: to.id,
      lines: [
        { itemId: tea.id, quantity: 4 },
        { itemId: mug.id, quantity: 2 },
      ],
      note: 'weekly restock',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const transfer = created.body.data;
    expect(transfer).toMatchObject({
      fromLocationId: from.id,
      toLocationId: to.id,
      status: 'draft',
      note: 'weekly restock',
      createdBy: app.members.owner.userId,
      shippedAt: null,
      receivedAt: null,
    });
    expect(transfer.lines).toEqual([
      { id: expect.any(String), itemId: tea.id, quantity: 4, shippedQuantity: 0, receivedQuantity: 0 },
      { id: expect.any(String), itemId: mug.id, quantity: 2, shippedQuantity: 0, receivedQuantity: 0 },
    ]);
    const read = await inventory.call('GET', `/v1/inventory/transfers/${transfer.id}`, owner());
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual(transfer);
    expect(await inventory.stockAt(owner(), tea.id, from.id)).toEqual({ onHand: 10, inTransit: 0 });
    expect(await inventory.stockAt(owner(), tea.id, to.id)).toEqual({ onHand: 0, inTransit: 0 });
    expect(await movementsFrom(app.t, app.tenantId, transfer.id)).toEqual([]);
    expect(await auditActionsAbout(app.t, app.tenantId, transfer.id)).toEqual(['transfer.created']);
  });

  it('refuses a bad shape (400) and unknown locations or items (404)', async () => {
    const { from, to, tea } = await stocked();
    const line = { itemId: tea.id, quantity: 1 };
    const post = (body: unknown) => inventory.call('POST', '/v1/inventory/transfers', owner(), body);
    for (const body of [
      { fromLocationId: from.id, toLocationId: from.id, lines: [line] },
      { fromLocationId: from.id, toLocationId: to.id, lines: [line, { itemId: tea.id, quantity: 2 }] },
      { fromLocationId: from.id, toLocationId: to.id, lines: [] },
      { fromLocationId: from.id, toLocationId: to.id, lines: [{ itemId: tea.id, quantity: 0 }] },
      { fromLocationId: from.id, toLocationId: to.id, lines: [{ itemId: tea.id, quantity: 1.5 }] },
      { fromLocationId: from.id, toLocationId: 'nope', lines: [line] },
      { fromLocationId: from.id, toLocationId: to.id, lines: [line], extra: true },
    ]) {
      expectRefused(await post(body), 400, 'VALIDATION');
    }
    const sameLocation = await post({ fromLocationId: from.id, toLocationId: from.id, lines: [line] });
    expect(sameLocation.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'toLocationId' })]),
    );
    expectRefused(await post({ fromLocationId: from.id, toLocationId: randomUUID(), lines: [line] }), 404);
    expectRefused(await post({ fromLocationId: randomUUID(), toLocationId: to.id, lines: [line] }), 404);
    expectRefused(
      await post({
        fromLocationId: from.id,
        toLocationId: to.id,
        lines: [{ itemId: randomUUID(), quantity: 1 }],
      }),
      404,
    );
    expectRefused(await inventory.call('GET', `/v1/inventory/transfers/${randomUUID()}`, owner()), 404);
    expectRefused(await inventory.ship(owner(), randomUUID()), 404);
    expectRefused(await inventory.receiveTransfer(owner(), randomUUID(), [line]), 404);
  });

  it('ships from the source into transit, then receives in parts at the destination', async () => {
    const { from, to, tea, mug } = await stocked();
    const transfer = await inventory.makeTransfer(owner(), {
      fromLocationId: from.id,
      toLocationId: to.id,
      lines: [
        { itemId: tea.id, quantity: 4 },
        { itemId: mug.id, quantity: 2 },
      ],
    });
    // Nothing was shipped: nothing can be received.
    expectRefused(
      await inventory.receiveTransfer(owner(), transfer.id, [{ itemId: tea.id, quantity: 1 }]),
      409,
      'INVALID_STATE',
    );

    const shipped = await inventory.ship(owner(), transfer.id);
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    expect(shipped.body.data.status).toBe('shipped');
    expect(shipped.body.data.shippedAt).toEqual(expect.any(String));
    expect(
      shipped.body.data.lines.map((line: { shippedQuantity: number; receivedQuantity: number }) => [
        line.shippedQuantity,
        line.receivedQuantity,
      ]),
    ).toEqual([
      [4, 0],
      [2, 0],
    ]);
    expect(await inventory.stockAt(owner(), tea.id, from.id)).toEqual({ onHand: 6, inTransit: 0 });
    expect(await inventory.stockAt(owner(), tea.id, to.id)).toEqual({ onHand: 0, inTransit: 4 });
    expect(await inventory.stockAt(owner(), mug.id, to.id)).toEqual({ onHand: 0, inTransit: 2 });
    expect(await movementsFrom(app.t, app.tenantId, transfer.id)).toEqual(
      expect.arrayContaining([
        { type: 'transfer_out', itemId: tea.id, locationId: from.id, quantity: -4 },
        { type: 'transfer_out', itemId: mug.id, locationId: from.id, quantity: -2 },
      ]),
    );
    expectRefused(await inventory.ship(owner(), transfer.id), 409, 'INVALID_STATE');
    expect(await inventory.stockAt(owner(), tea.id, from.id)).toEqual({ onHand: 6, inTransit: 0 });

    // More than is in transit, or an item the transfer does not carry: nothing is received.
    expectRefused(
      await inventory.receiveTransfer(owner(), transfer.id, [{ itemId: tea.id, quantity: 5 }]),
      422,
      'EXCEEDS_OUTSTANDING',
    );
    const stranger = await inventory.makeItem(owner());
    expectRefused(
      await inventory.receiveTransfer(owner(), transfer.id, [{ itemId: stranger.id, quantity: 1 }]),
      422,
      'ITEM_NOT_ON_TRANSFER',
    );
    expectRefused(
      await inventory.receiveTransfer(owner(), transfer.id, [
        { itemId: tea.id, quantity: 1 },
        { itemId: tea.id, quantity: 1 },
      ]),
      400,
    );

    const part = await inventory.receiveTransfer(owner(), transfer.id, [{ itemId: tea.id, quantity: 3 }]);
    expect(part.status, JSON.stringify(part.body)).toBe(200);
    expect(part.body.data.status).toBe('partially_received');
    expect(part.body.data.receivedAt).toBeNull();
    expect(await inventory.stockAt(owner(), tea.id, to.id)).toEqual({ onHand: 3, inTransit: 1 });
    // What is outstanding shrinks with each receipt.
    expectRefused(
      await inventory.receiveTransfer(owner(), transfer.id, [{ itemId: tea.id, quantity: 2 }]),
      422,
      'EXCEEDS_OUTSTANDING',
    );

    const rest = await inventory.receiveTransfer(owner(), transfer.id, [
      { itemId: tea.id, quantity: 1 },
      { itemId: mug.id, quantity: 2 },
    ]);
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    expect(rest.body.data.status).toBe('received');
    expect(rest.body.data.receivedAt).toEqual(expect.any(String));
    expect(rest.body.data.lines.map((line: { receivedQuantity: number }) => line.receivedQuantity)).toEqual([
      4, 2,
    ]);
    expect(await inventory.stockAt(owner(), tea.id, to.id)).toEqual({ onHand: 4, inTransit: 0 });
    expect(await inventory.stockAt(owner(), mug.id, to.id)).toEqual({ onHand: 2, inTransit: 0 });
    expect(await inventory.stockAt(owner(), tea.id, from.id)).toEqual({ onHand: 6, inTransit: 0 });
    expectRefused(
      await inventory.receiveTransfer(owner(), transfer.id, [{ itemId: tea.id, quantity: 1 }]),
      409,
      'INVALID_STATE',
    );

    const received = (await movementsFrom(app.t, app.tenantId, transfer.id)).filter(
      (movement) => movement.type === 'transfer_in',
    );
    expect(received).toEqual(
      expect.arrayContaining([
        { type: 'transfer_in', itemId: tea.id, locationId: to.id, quantity: 3 },
        { type: 'transfer_in', itemId: tea.id, locationId: to.id, quantity: 1 },
        { type: 'transfer_in', itemId: mug.id, locationId: to.id, quantity: 2 },
      ]),
    );
    expect(received).toHaveLength(3);
    expect(await auditActionsAbout(app.t, app.tenantId, transfer.id)).toEqual([
      'transfer.created',
      'stock.adjusted',
      'transfer.shipped',
      'stock.adjusted',
      'transfer.received',
      'stock.adjusted',
      'transfer.received',
    ]);
    expect(await eventTypesAbout(app.t, app.tenantId, transfer.id)).toEqual([
      'inventory.transfer.created',
      'inventory.stock.adjusted',
      'inventory.transfer.shipped',
      'inventory.stock.adjusted',
      'inventory.transfer.received',
      'inventory.stock.adjusted',
      'inventory.transfer.received',
    ]);
  });

  it('refuses to ship more than the source holds, and changes nothing', async () => {
    const { from, to, tea, mug } = await stocked(10, 1);
    const transfer = await inventory.makeTransfer(owner(), {
      fromLocationId: from.id,
      toLocationId: to.id,
      lines: [
        { itemId: tea.id, quantity: 4 },
        { itemId: mug.id, quantity: 2 },
      ],
    });
    expectRefused(await inventory.ship(owner(), transfer.id), 409, 'INSUFFICIENT_STOCK');
    expect(
      (await inventory.call('GET', `/v1/inventory/transfers/${transfer.id}`, owner())).body.data,
    ).toEqual(transfer);
    expect(await inventory.stockAt(owner(), tea.id, from.id)).toEqual({ onHand: 10, inTransit: 0 });
    expect(await inventory.stockAt(owner(), mug.id, from.id)).toEqual({ onHand: 1, inTransit: 0 });
    expect(await movementsFrom(app.t, app.tenantId, transfer.id)).toEqual([]);
  });

  it('ships once when ship calls race, and receives once when two full receipts race', async () => {
    const { from, to, tea } = await stocked();
    const transfer = await inventory.makeTransfer(owner(), {
      fromLocationId: from.id,
      toLocationId: to.id,
      lines: [{ itemId: tea.id, quantity: 4 }],
    });
    const ships = await Promise.all([1, 2, 3].map(() => inventory.ship(owner(), transfer.id)));
    expect(ships.map((response) => response.status).sort()).toEqual([200, 409, 409]);
    expect(await inventory.stockAt(owner(), tea.id, from.id)).toEqual({ onHand: 6, inTransit: 0 });

    const all = [{ itemId: tea.id, quantity: 4 }];
    const receipts = await Promise.all([
      inventory.receiveTransfer(owner(), transfer.id, all),
      inventory.receiveTransfer(owner(), transfer.id, all),
    ]);
    // The second sees the first's receipt: the transfer is received (409), never received twice.
    expect(receipts.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(await inventory.stockAt(owner(), tea.id, to.id)).toEqual({ onHand: 4, inTransit: 0 });
    expect(await movementsFrom(app.t, app.tenantId, transfer.id)).toHaveLength(2);
  });

  it('checks a location-scoped manager at the source to ship and at the destination to receive', async () => {
    const { from, to, tea } = await stocked();
    const { member } = app.members;
    const managerRole = await rbac.roleId(owner(), 'manager');
    const assigned = await rbac.assign(owner(), member.userId, { roleId: managerRole, locationId: from.id });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    try {
      const lines = [{ itemId: tea.id, quantity: 2 }];
      // Planned at the source: from here yes, from the other location no.
      const transfer = await inventory.makeTransfer(member.token, {
        fromLocationId: from.id,
        toLocationId: to.id,
        lines,
      });
      expectRefused(
        await inventory.call('POST', '/v1/inventory/transfers', member.token, {
          fromLocationId: to.id,
          toLocationId: from.id,
          lines,
        }),
        403,
      );
      expect(
        (await inventory.call('GET', `/v1/inventory/transfers/${transfer.id}`, member.token)).status,
      ).toBe(200);
      expect((await inventory.ship(member.token, transfer.id)).status).toBe(200);
      // Receiving happens at the destination, where this manager holds nothing.
      expectRefused(await inventory.receiveTransfer(member.token, transfer.id, lines), 403, 'AUTHZ');
      expect(await inventory.stockAt(owner(), tea.id, to.id)).toEqual({ onHand: 0, inTransit: 2 });

      // Someone scoped to neither end sees nothing of it.
      const { elsewhere } = await locations();
      const { viewer } = app.members;
      const scoped = await rbac.assign(owner(), viewer.userId, {
        roleId: managerRole,
        locationId: elsewhere.id,
      });
      expect(scoped.status).toBe(201);
      expectRefused(await inventory.call('GET', `/v1/inventory/transfers/${transfer.id}`, viewer.token), 403);
      expectRefused(await inventory.receiveTransfer(viewer.token, transfer.id, lines), 403);
      await rbac.unassign(owner(), viewer.userId, scoped.body.data.id);
    } finally {
      await rbac.unassign(owner(), member.userId, assigned.body.data.id);
    }
  });

  it('keeps transfers to those who manage them', async () => {
    const { from, to, tea } = await stocked();
    const body = { fromLocationId: from.id, toLocationId: to.id, lines: [{ itemId: tea.id, quantity: 1 }] };
    const transfer = await inventory.makeTransfer(app.members.manager.token, body);
    for (const role of ['cashier', 'member', 'viewer'] as const) {
      const token = app.members[role].token;
      expectRefused(await inventory.call('POST', '/v1/inventory/transfers', token, body), 403);
      expectRefused(await inventory.call('GET', `/v1/inventory/transfers/${transfer.id}`, token), 403);
      expectRefused(await inventory.ship(token, transfer.id), 403);
    }
    expect((await inventory.ship(app.members.admin.token, transfer.id)).status).toBe(200);
  });
});
