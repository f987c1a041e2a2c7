import { randomBytes } from 'node:crypto';
import type { Body, Recorder } from './load-recorder';
import type { LoadTenant } from './load-tenants';

const rows = (body: Body): Body[] => (Array.isArray(body?.data) ? body.data : []);

const firstBad = (body: Body, ok: (row: Body) => boolean, what: string) => {
  const bad = rows(body).find((row) => !ok(row));
  return bad ? `${what}: ${JSON.stringify(bad)}` : undefined;
};

/**
 * One back-office request of a manager's screen, drawn from a mix: item
 * lists and reads, stock reads, a new item now and then, and a look at an id
 * of another tenant (which must be 404). Every answer is checked to be the
 * caller's own.
 */
export const backOfficeRequest = async (
  recorder: Recorder,
  tenant: LoadTenant,
  other: LoadTenant,
  random: () => number,
): Promise<void> => {
  const as = { token: tenant.token, markers: tenant.markers };
  const item = tenant.items[Math.floor(random() * tenant.items.length)] as LoadTenant['items'][number];
  const draw = random();
  if (draw < 0.3) {
    await recorder.send(
      { ...as, method: 'GET', path: '/v1/inventory/items?limit=50' },
      {
        op: 'inventory.list-items',
        expected: [200],
        foreign: (body) => firstBad(body, (row) => String(row.sku).startsWith(tenant.prefix), 'foreign item'),
      },
    );
  } else if (draw < 0.5) {
    await recorder.send(
      { ...as, method: 'GET', path: `/v1/inventory/items/${item.id}` },
      {
        op: 'inventory.get-item',
        expected: [200],
        foreign: (body) =>
          body?.data?.id === item.id && body.data.sku === item.sku ? undefined : 'another item',
      },
    );
  } else if (draw < 0.75) {
    await recorder.send(
      { ...as, method: 'GET', path: `/v1/inventory/items/${item.id}/stock` },
      {
        op: 'inventory.stock',
        expected: [200],
        foreign: (body) => firstBad(body, (row) => row.locationId === tenant.locationId, 'foreign location'),
      },
    );
  } else if (draw < 0.85) {
    const sku = `${tenant.prefix}NEW${randomBytes(5).toString('hex').toUpperCase()}`;
    await recorder.send(
      {
        ...as,
        method: 'POST',
        path: '/v1/inventory/items',
        body: { sku, name: sku, unit: 'each', price: 199 },
      },
      {
        op: 'inventory.create-item',
        expected: [201],
        foreign: (body) => (body?.data?.sku === sku ? undefined : `created ${sku}, got ${body?.data?.sku}`),
      },
    );
  } else {
    const foreignItem = other.items[Math.floor(random() * other.items.length)] as LoadTenant['items'][number];
    await recorder.send(
      { ...as, method: 'GET', path: `/v1/inventory/items/${foreignItem.id}` },
      {
        op: 'inventory.foreign-item',
        expected: [404],
        foreign: (body) => `another tenant's item answered: ${JSON.stringify(body?.data)}`,
      },
    );
  }
};
