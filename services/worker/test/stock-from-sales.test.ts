import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId, type Principal, systemClock } from '@tenantry/core';
import { queryRows } from '@tenantry/db';
import { createItem, createLocation, createMovement, itemStock } from '@tenantry/inventory';
import { appendEvent, consumeEvent, findEvent } from '@tenantry/outbox';
import { testRedisUrl, useTestDatabase } from '@tenantry/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { platformHandlers } from '../src';
import { exitOf, startWorkerProcess } from './process-support';
import { uniquePrefix, waitFor } from './support';

/** Inventory's sales consumer under redelivery and crashes: a sale deducts its stock exactly once. */
describe('stock deduction from POS sales', () => {
  const db = useTestDatabase();
  const deps = () => ({ router: db.router, clock: systemClock, newId });
  const meta = {};

  const stockedItem = async (onHand: number) => {
    const tenantId = newId();
    const manager: Principal = {
      kind: 'user',
      id: newId(),
      tenantId,
      roles: [],
      tenantStatus: 'active',
      permissions: [
        'inventory.item.manage',
        'inventory.location.manage',
        'inventory.stock.adjust',
        'inventory.stock.read',
      ],
    };
    const location = await createLocation(
      deps(),
      manager,
      { name: 'Main', code: 'MAIN', kind: 'store' },
      meta,
    );
    const item = await createItem(
      deps(),
      manager,
      { sku: 'TEA', name: 'Tea', unit: 'each', price: 300, reorderPoint: 0, taxCategory: 'standard' },
      meta,
    );
    await createMovement(
      deps(),
      manager,
      { type: 'receive', itemId: item.id, locationId: location.id, quantity: onHand, reason: 'delivery' },
      meta,
    );
    const level = async () => (await itemStock(deps(), manager, item.id))[0]?.onHand;
    const sale = (quantity: number) =>
      db.router.withTenant(tenantId, (tx) =>
        appendEvent(
          tx,
          {
            tenantId,
            type: 'pos.ticket.settled',
            entityId: newId(),
            data: {
              ticketId: newId(),
              locationId: location.id,
              receiptNumber: 1,
              lines: [{ lineId: newId(), itemId: item.id, quantity }],
            },
          },
          deps(),
        ),
      );
    const saleMovements = () =>
      db.router.withTenant(tenantId, (tx) =>
        queryRows<{ quantity: number }>(tx, sql`select quantity from stock_movements where type = 'sale'`),
      );
    return { tenantId, level, sale, saleMovements };
  };

  it('deducts once when the same event is delivered twice', async () => {
    const stock = await stockedItem(10);
    const event = await stock.sale(3);
    await consumeEvent(db.router, platformHandlers(db), event);
    await consumeEvent(db.router, platformHandlers(db), event);
    expect(await stock.level()).toBe(7);
    expect(await stock.saleMovements()).toEqual([{ quantity: -3 }]);
  });

  it('deducts once when the worker is SIGKILLed inside the deduction, after a restart', async () => {
    const stock = await stockedItem(10);
    const prefix = uniquePrefix();
    const marker = join(mkdtempSync(join(tmpdir(), 'tenantry-sale-crash-')), 'crashed');
    const env = {
      DATABASE_URL: db.config.ownerUrl as string,
      DATABASE_APP_URL: db.config.appUrl as string,
      REDIS_URL: testRedisUrl(),
      JOB_LOCK_MS: '1000',
      OUTBOX_BACKOFF_MS: '50',
      QUEUE_PREFIX: prefix,
      FIXTURE_HANDLERS: 'platform',
      FIXTURE_MARKER: marker,
    };
    const crashing = await startWorkerProcess({ ...env, FIXTURE_MODE: 'crash-mid-handler' });
    const event = await stock.sale(4);
    const exit = await exitOf(crashing);
    expect(exit.signal === 'SIGKILL' || exit.code === 137).toBe(true);
    // The deduction's transaction died with the process: nothing of it is left.
    expect(await stock.level()).toBe(10);
    expect(await stock.saleMovements()).toEqual([]);

    const restarted = await startWorkerProcess(env);
    try {
      const ref = { tenantId: stock.tenantId, eventId: event.event_id };
      await waitFor(
        async () =>
          Boolean((await db.router.withTenant(stock.tenantId, (tx) => findEvent(tx, ref)))?.completedAt),
        30_000,
        'the sale to be applied after the restart',
      );
      expect(await stock.level()).toBe(6);
      expect(await stock.saleMovements()).toEqual([{ quantity: -4 }]);
    } finally {
      restarted.kill('SIGTERM');
      await exitOf(restarted);
    }
    // Two worker processes start here (tsx compiles on a cold cache): more than the default timeout.
  }, 90_000);
});
