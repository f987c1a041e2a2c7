import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { IdentityTestApp } from '../identity/support';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A short unique code, so tests of one file never collide. */
export const uniqueCode = (stem: string) => `${stem}-${randomUUID().slice(0, 8)}`;

/** Calls /v1/inventory routes as someone; the `make*` helpers expect success and return the data. */
export const inventoryClient = (t: () => IdentityTestApp) => {
  const call = (
    method: Method,
    url: string,
    token: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) =>
    t().call({
      method,
      url,
      token,
      ...(body === undefined ? {} : { body }),
      ...(headers ? { headers } : {}),
    });
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
