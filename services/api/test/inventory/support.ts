import { randomUUID } from 'node:crypto';
import { openPostgres, queryRows } from '@tenantry/db';
import { type SQL, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { callerOf, type IdentityTestApp } from '../identity/support';

/** A short unique code, so tests of one file never collide. */
export const uniqueCode = (stem: string) => `${stem}-${randomUUID().slice(0, 8)}`;

/** Calls /v1/inventory routes as someone; the `make*` helpers expect success and return the data. */
export const inventoryClient = (t: () => IdentityTestApp) => {
  const call = callerOf(t);
  const created = async (response: Awaited<ReturnType<typeof call>>) => {
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.data;
  };
  return {
    call,
    async makeLocation(token: string, body: { name?: string; code?: string; kind?: string } = {}) {
      const code = body.code ?? uniqueCode('LOC');
      return created(
        await call('POST', '/v1/inventory/locations', token, { name: `Store ${code}`, code, ...body }),
      );
    },
    async makeItem(
      token: string,
      body: { sku?: string; name?: string; price?: number; reorderPoint?: number; taxCategory?: string } = {},
    ) {
      const sku = body.sku ?? uniqueCode('SKU');
      return created(
        await call('POST', '/v1/inventory/items', token, {
          sku,
          name: `Item ${sku}`,
          unit: 'each',
          price: 500,
          ...body,
        }),
      );
    },
    move: (
      token: string,
      body: {
        type: 'receive' | 'adjust';
        itemId: string;
        locationId: string;
        quantity: number;
        reason?: string;
      },
    ) => call('POST', '/v1/inventory/movements', token, { reason: 'test', ...body }),
    async receive(token: string, itemId: string, locationId: string, quantity: number) {
      return created(
        await call('POST', '/v1/inventory/movements', token, {
          type: 'receive',
          itemId,
          locationId,
          quantity,
          reason: 'delivery',
        }),
      );
    },
    stock: (token: string, itemId: string) => call('GET', `/v1/inventory/items/${itemId}/stock`, token),
    /** Stock of an item at a location as GET .../stock reports it (zeros when the location is not listed). */
    async stockAt(token: string, itemId: string, locationId: string) {
      const response = await call('GET', `/v1/inventory/items/${itemId}/stock`, token);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const row = (response.body.data as { locationId: string; onHand: number; inTransit: number }[]).find(
        (entry) => entry.locationId === locationId,
      );
      return { onHand: row?.onHand ?? 0, inTransit: row?.inTransit ?? 0 };
    },
    async makeTransfer(
      token: string,
      body: { fromLocationId: string; toLocationId: string; lines: { itemId: string; quantity: number }[] },
    ) {
      return created(await call('POST', '/v1/inventory/transfers', token, body));
    },
    ship: (token: string, transferId: string) =>
      call('POST', `/v1/inventory/transfers/${transferId}/ship`, token),
    receiveTransfer: (token: string, transferId: string, lines: { itemId: string; quantity: number }[]) =>
      call('POST', `/v1/inventory/transfers/${transferId}/receive`, token, { lines }),
    async makeCount(token: string, locationId: string) {
      return created(await call('POST', '/v1/inventory/counts', token, { locationId }));
    },
    countLines: (token: string, countId: string, lines: { itemId: string; countedQuantity: number }[]) =>
      call('POST', `/v1/inventory/counts/${countId}/lines`, token, { lines }),
    finalize: (token: string, countId: string) =>
      call('POST', `/v1/inventory/counts/${countId}/finalize`, token),
    /** On hand of an item at a location (0 when it has no level there). */
    async onHand(token: string, itemId: string, locationId: string): Promise<number> {
      const response = await call('GET', `/v1/inventory/items/${itemId}/stock`, token);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return (
        (response.body.data as { locationId: string; onHand: number }[]).find(
          (row) => row.locationId === locationId,
        )?.onHand ?? 0
      );
    },
  };
};

/** Movements a document caused, oldest first, read from the tenant's ledger under its RLS. */
export const movementsFrom = async (t: IdentityTestApp, tenantId: string, sourceId: string) =>
  (
    await t.db.router.withTenant(tenantId, (tx) =>
      queryRows<{ type: string; item_id: string; location_id: string; quantity: number }>(
        tx,
        sql`select type, item_id, location_id, quantity from stock_movements
             where source_id = ${sourceId} order by created_at, id`,
      ),
    )
  ).map((row) => ({
    type: row.type,
    itemId: row.item_id,
    locationId: row.location_id,
    quantity: row.quantity,
  }));

/**
 * Runs SQL as the test database's owner (a superuser: no RLS, every
 * privilege), to do what the app role cannot, such as tamper with a level.
 */
export const asDatabaseOwner = async (t: IdentityTestApp, statement: SQL): Promise<void> => {
  const ownerUrl = t.database.config.ownerUrl;
  if (!ownerUrl) throw new Error('the test database has no owner URL');
  const owner = openPostgres(ownerUrl, { max: 1 });
  try {
    await owner.db.execute(statement);
  } finally {
    await owner.close();
  }
};
