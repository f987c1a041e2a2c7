import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditActionsAbout, expectRefused } from '../identity/tenant-admin-support';
import { eventTypesAbout, rbacClient, useRbacTenant } from '../rbac/support';
import { inventoryClient, movementsFrom } from './support';

describe('inventory stock counts', () => {
  const app = useRbacTenant('inventory-counts');
  const inventory = inventoryClient(() => app.t);
  const rbac = rbacClient(() => app.t);
  const owner = () => app.members.owner.token;

  // The plan's locations quota is small: the tests share two locations and make fresh items.
  let places: { store: { id: string }; other: { id: string } } | undefined;
  const locations = async () => {
    places ??= { store: await inventory.makeLocation(owner()), other: await inventory.makeLocation(owner()) };
    return places;
  };

  it('opens a count, replaces a recounted item, and corrects each counted level on finalize', async () => {
    const { store, other } = await locations();
    const [tea, mug, jam, salt, untouched] = await Promise.all(
      Array.from({ length: 5 }, () => inventory.makeItem(owner())),
    );
    if (!tea || !mug || !jam || !salt || !untouched) throw new Error('items');
    await inventory.receive(owner(), tea.id, store.id, 10);
    await inventory.receive(owner(), mug.id, store.id, 5);
    await inventory.receive(owner(), salt.id, store.id, 3);
    await inventory.receive(owner(), untouched.id, store.id, 7);
    await inventory.receive(owner(), tea.id, other.id, 9);

    const opened = await inventory.call('POST', '/v1/inventory/counts', owner(), {
      locationId: store.id,
      note: 'year end',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const count = opened.body.data;
    expect(count).toMatchObject({
      locationId: store.id,
      status: 'open',
      note: 'year end',
      createdBy: app.members.owner.userId,
      finalizedAt: null,
      lines: [],
    });

    const first = await inventory.countLines(owner(), count.id, [
      { itemId: tea.id, countedQuantity: 99 },
      { itemId: mug.id, countedQuantity: 5 },
    ]);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    // Counted again: the new count replaces the old one. A jam nobody stocked here is found on the shelf.
    const second = await inventory.countLines(owner(), count.id, [
      { itemId: tea.id, countedQuantity: 8 },
      { itemId: jam.id, countedQuantity: 4 },
      { itemId: salt.id, countedQuantity: 0 },
    ]);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const entered = await inventory.call('GET', `/v1/inventory/counts/${count.id}`, owner());
    expect(entered.status).toBe(200);
    const counted = (entered.body.data.lines as { itemId: string; countedQuantity: number }[])
      .map((line) => ({ itemId: line.itemId, countedQuantity: line.countedQuantity }))
      .sort((a, b) => a.itemId.localeCompare(b.itemId));
    expect(counted).toEqual(
      [
        { itemId: tea.id, countedQuantity: 8 },
        { itemId: mug.id, countedQuantity: 5 },
        { itemId: jam.id, countedQuantity: 4 },
        { itemId: salt.id, countedQuantity: 0 },
      ].sort((a, b) => a.itemId.localeCompare(b.itemId)),
    );
    expect(entered.body.data.lines.every((line: { difference: null }) => line.difference === null)).toBe(
      true,
    );
    // Nothing moves before the finalize.
    expect(await inventory.onHand(owner(), tea.id, store.id)).toBe(10);

    const finalized = await inventory.finalize(owner(), count.id);
    expect(finalized.status, JSON.stringify(finalized.body)).toBe(200);
    expect(finalized.body.data).toMatchObject({ id: count.id, status: 'finalized' });
    expect(finalized.body.data.finalizedAt).toEqual(expect.any(String));
    const results = Object.fromEntries(
      (
        finalized.body.data.lines as {
          itemId: string;
          countedQuantity: number;
          expectedQuantity: number;
          difference: number;
        }[]
      ).map((line) => [line.itemId, [line.countedQuantity, line.expectedQuantity, line.difference]]),
    );
    expect(results).toEqual({
      [tea.id]: [8, 10, -2],
      [mug.id]: [5, 5, 0],
      [jam.id]: [4, 0, 4],
      [salt.id]: [0, 3, -3],
    });
    expect((await inventory.call('GET', `/v1/inventory/counts/${count.id}`, owner())).body.data).toEqual(
      finalized.body.data,
    );

    expect(await inventory.onHand(owner(), tea.id, store.id)).toBe(8);
    expect(await inventory.onHand(owner(), mug.id, store.id)).toBe(5);
    expect(await inventory.onHand(owner(), jam.id, store.id)).toBe(4);
    expect(await inventory.onHand(owner(), salt.id, store.id)).toBe(0);
    // Not counted, or at another location: untouched.
    expect(await inventory.onHand(owner(), untouched.id, store.id)).toBe(7);
    expect(await inventory.onHand(owner(), tea.id, other.id)).toBe(9);

    const corrections = await movementsFrom(app.t, app.tenantId, count.id);
    expect(corrections).toHaveLength(3);
    expect(corrections).toEqual(
      expect.arrayContaining([
        { type: 'count_correction', itemId: tea.id, locationId: store.id, quantity: -2 },
        { type: 'count_correction', itemId: jam.id, locationId: store.id, quantity: 4 },
        { type: 'count_correction', itemId: salt.id, locationId: store.id, quantity: -3 },
      ]),
    );
    expect(await auditActionsAbout(app.t, app.tenantId, count.id)).toEqual([
      'count.opened',
      'count.updated',
      'count.updated',
      'stock.adjusted',
      'count.finalized',
    ]);
    expect(await eventTypesAbout(app.t, app.tenantId, count.id)).toEqual([
      'inventory.count.opened',
      'inventory.count.updated',
      'inventory.count.updated',
      'inventory.stock.adjusted',
      'inventory.count.finalized',
    ]);

    // Finalized is final: no second finalize, no more lines.
    expectRefused(await inventory.finalize(owner(), count.id), 409, 'INVALID_STATE');
    expectRefused(
      await inventory.countLines(owner(), count.id, [{ itemId: tea.id, countedQuantity: 1 }]),
      409,
      'INVALID_STATE',
    );
    expect(await movementsFrom(app.t, app.tenantId, count.id)).toHaveLength(3);
  });

  it('finalizes a count with nothing to correct without moving stock', async () => {
    const { store } = await locations();
    const item = await inventory.makeItem(owner());
    await inventory.receive(owner(), item.id, store.id, 4);
    const count = await inventory.makeCount(owner(), store.id);
    expect(
      (await inventory.countLines(owner(), count.id, [{ itemId: item.id, countedQuantity: 4 }])).status,
    ).toBe(200);
    const finalized = await inventory.finalize(owner(), count.id);
    expect(finalized.status).toBe(200);
    expect(finalized.body.data.lines).toEqual([
      expect.objectContaining({ itemId: item.id, countedQuantity: 4, expectedQuantity: 4, difference: 0 }),
    ]);
    expect(await movementsFrom(app.t, app.tenantId, count.id)).toEqual([]);
    expect(await inventory.onHand(owner(), item.id, store.id)).toBe(4);
  });

  it('corrects a level that was negative up to what was counted', async () => {
    const { store } = await locations();
    const item = await inventory.makeItem(owner());
    await inventory.receive(owner(), item.id, store.id, 2);
    const allow = await inventory.call('PATCH', '/v1/inventory/settings', owner(), {
      allowNegativeStock: true,
    });
    expect(allow.status, JSON.stringify(allow.body)).toBe(200);
    try {
      const adjusted = await inventory.move(owner(), {
        type: 'adjust',
        itemId: item.id,
        locationId: store.id,
        quantity: -5,
      });
      expect(adjusted.status).toBe(201);
    } finally {
      await inventory.call('PATCH', '/v1/inventory/settings', owner(), { allowNegativeStock: false });
    }
    const count = await inventory.makeCount(owner(), store.id);
    await inventory.countLines(owner(), count.id, [{ itemId: item.id, countedQuantity: 1 }]);
    const finalized = await inventory.finalize(owner(), count.id);
    expect(finalized.status, JSON.stringify(finalized.body)).toBe(200);
    expect(finalized.body.data.lines[0]).toMatchObject({ expectedQuantity: -3, difference: 4 });
    expect(await inventory.onHand(owner(), item.id, store.id)).toBe(1);
  });

  it('finalizes once when finalize calls race', async () => {
    const { store } = await locations();
    const item = await inventory.makeItem(owner());
    await inventory.receive(owner(), item.id, store.id, 10);
    const count = await inventory.makeCount(owner(), store.id);
    await inventory.countLines(owner(), count.id, [{ itemId: item.id, countedQuantity: 6 }]);
    const racing = await Promise.all([1, 2, 3].map(() => inventory.finalize(owner(), count.id)));
    expect(racing.map((response) => response.status).sort()).toEqual([200, 409, 409]);
    expect(await inventory.onHand(owner(), item.id, store.id)).toBe(6);
    expect(await movementsFrom(app.t, app.tenantId, count.id)).toEqual([
      { type: 'count_correction', itemId: item.id, locationId: store.id, quantity: -4 },
    ]);
  });

  it('refuses bad input, unknown ids and unknown counts', async () => {
    const { store } = await locations();
    const item = await inventory.makeItem(owner());
    const count = await inventory.makeCount(owner(), store.id);
    expectRefused(
      await inventory.call('POST', '/v1/inventory/counts', owner(), { locationId: randomUUID() }),
      404,
    );
    expectRefused(await inventory.call('POST', '/v1/inventory/counts', owner(), { locationId: 'x' }), 400);
    for (const lines of [
      [],
      [{ itemId: item.id, countedQuantity: -1 }],
      [{ itemId: item.id, countedQuantity: 1.5 }],
      [
        { itemId: item.id, countedQuantity: 1 },
        { itemId: item.id, countedQuantity: 2 },
      ],
    ]) {
      expectRefused(await inventory.countLines(owner(), count.id, lines), 400, 'VALIDATION');
    }
    expectRefused(
      await inventory.countLines(owner(), count.id, [{ itemId: randomUUID(), countedQuantity: 1 }]),
      404,
    );
    expectRefused(
      await inventory.countLines(owner(), randomUUID(), [{ itemId: item.id, countedQuantity: 1 }]),
      404,
    );
    expectRefused(await inventory.call('GET', `/v1/inventory/counts/${randomUUID()}`, owner()), 404);
    expectRefused(await inventory.finalize(owner(), randomUUID()), 404);
    expect(
      (await inventory.call('GET', `/v1/inventory/counts/${count.id}`, owner())).body.data.lines,
    ).toEqual([]);
  });

  it('checks count.manage at the count’s location', async () => {
    const { store, other } = await locations();
    const item = await inventory.makeItem(owner());
    await inventory.receive(owner(), item.id, store.id, 3);
    await inventory.receive(owner(), item.id, other.id, 3);
    const here = await inventory.makeCount(owner(), store.id);
    const there = await inventory.makeCount(owner(), other.id);
    for (const role of ['cashier', 'member', 'viewer'] as const) {
      const token = app.members[role].token;
      expectRefused(
        await inventory.call('POST', '/v1/inventory/counts', token, { locationId: store.id }),
        403,
      );
      expectRefused(await inventory.call('GET', `/v1/inventory/counts/${here.id}`, token), 403);
      expectRefused(await inventory.finalize(token, here.id), 403);
    }

    const { member } = app.members;
    const managerRole = await rbac.roleId(owner(), 'manager');
    const assigned = await rbac.assign(owner(), member.userId, { roleId: managerRole, locationId: store.id });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    try {
      const lines = [{ itemId: item.id, countedQuantity: 1 }];
      expect((await inventory.countLines(member.token, here.id, lines)).status).toBe(200);
      expect((await inventory.finalize(member.token, here.id)).status).toBe(200);
      expectRefused(
        await inventory.call('POST', '/v1/inventory/counts', member.token, { locationId: other.id }),
        403,
      );
      expectRefused(await inventory.call('GET', `/v1/inventory/counts/${there.id}`, member.token), 403);
      expectRefused(await inventory.countLines(member.token, there.id, lines), 403);
      expectRefused(await inventory.finalize(member.token, there.id), 403);
      expect(await inventory.onHand(owner(), item.id, store.id)).toBe(1);
      expect(await inventory.onHand(owner(), item.id, other.id)).toBe(3);
    } finally {
      await rbac.unassign(owner(), member.userId, assigned.body.data.id);
    }
  });
});
