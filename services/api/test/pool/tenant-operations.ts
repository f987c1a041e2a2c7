import type { MarkedTenant } from './pool-tenants';
import { recordReceipt, recordSku, type TenantLedger, type WriteOutcome } from './tenant-ledger';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field.
type Body = any;

/** One request of the mixed load, with what it may answer and how to tell foreign data in a success. */
export interface PlannedRequest {
  op: string;
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  /** Statuses it answers when nothing is being killed. */
  expected: number[];
  /** Why a 2xx body is not (only) the caller's data, or undefined when it is. */
  foreign?(body: Body): string | undefined;
  /** A write's effect, once its fate is known (or known to be unknown). */
  record?(outcome: WriteOutcome): void;
}

export interface OperationContext {
  tenant: MarkedTenant;
  /** A tenant other than the caller, whose ids and prefix the caller must never reach. */
  other: MarkedTenant;
  ledger: TenantLedger;
  random(): number;
  /** A fresh number for unique SKUs. */
  next(): number;
}

const pick = <T>(list: readonly T[], random: () => number): T => {
  const value = list[Math.floor(random() * list.length)];
  if (value === undefined) throw new Error('pick from an empty list');
  return value;
};

const rowsOf = (body: Body): Body[] => (Array.isArray(body?.data) ? body.data : []);

const everyRow = (body: Body, test: (row: Body) => boolean, what: string) => {
  const bad = rowsOf(body).filter((row) => !test(row));
  return bad.length ? `${bad.length} row(s) ${what}: ${JSON.stringify(bad[0])}` : undefined;
};

type Operation = (context: OperationContext) => PlannedRequest;

/**
 * The mix, weighted: reads of the caller's rows, probes for another tenant's
 * rows (which must find nothing), writes, and writes that fail inside their
 * transaction (duplicate SKU 409; another tenant's item, found missing under
 * RLS after the transaction began, 404) or before it (invalid body 400).
 */
const operations: [weight: number, operation: Operation][] = [
  [
    10,
    ({ tenant }) => ({
      op: 'list-items',
      method: 'GET',
      url: '/v1/inventory/items?limit=200',
      expected: [200],
      foreign: (body) =>
        everyRow(body, (row) => String(row.sku).startsWith(tenant.prefix), 'of another prefix'),
    }),
  ],
  [
    6,
    ({ other }) => ({
      op: 'search-foreign-prefix',
      method: 'GET',
      url: `/v1/inventory/items?search=${encodeURIComponent(other.prefix)}`,
      expected: [200],
      foreign: (body) => everyRow(body, () => false, 'found by searching another prefix'),
    }),
  ],
  [
    10,
    ({ tenant, random }) => {
      const item = pick(tenant.items, random);
      return {
        op: 'get-own-item',
        method: 'GET',
        url: `/v1/inventory/items/${item.id}`,
        expected: [200],
        foreign: (body) =>
          body?.data?.id === item.id && body.data.sku === item.sku
            ? undefined
            : `asked for ${item.sku}, got ${JSON.stringify(body?.data)}`,
      };
    },
  ],
  [
    8,
    ({ other, random }) => ({
      op: 'get-foreign-item',
      method: 'GET',
      url: `/v1/inventory/items/${pick(other.items, random).id}`,
      expected: [404],
      foreign: (body) => `another tenant's item answered: ${JSON.stringify(body?.data)}`,
    }),
  ],
  [
    8,
    ({ tenant, random }) => ({
      op: 'item-stock',
      method: 'GET',
      url: `/v1/inventory/items/${pick(tenant.items, random).id}/stock`,
      expected: [200],
      foreign: (body) =>
        everyRow(body, (row) => row.locationId === tenant.locationId, "not at the caller's location"),
    }),
  ],
  [
    6,
    ({ tenant, random }) => {
      const item = pick(tenant.items, random);
      return {
        op: 'item-movements',
        method: 'GET',
        url: `/v1/inventory/movements?itemId=${item.id}`,
        expected: [200],
        foreign: (body) => everyRow(body, (row) => row.itemId === item.id, 'of another item'),
      };
    },
  ],
  [
    6,
    ({ tenant }) => ({
      op: 'current-tenant',
      method: 'GET',
      url: '/v1/tenants/current',
      expected: [200],
      foreign: (body) =>
        body?.data?.id === tenant.tenantId ? undefined : `current tenant is ${body?.data?.id}`,
    }),
  ],
  [
    10,
    ({ tenant, ledger, next }) => {
      const sku = `${tenant.prefix}N${next()}`;
      return {
        op: 'create-item',
        method: 'POST',
        url: '/v1/inventory/items',
        body: { sku, name: `Item ${sku}`, unit: 'each', price: 250 },
        expected: [201],
        foreign: (body) => (body?.data?.sku === sku ? undefined : `created ${sku}, got ${body?.data?.sku}`),
        record: (outcome) => recordSku(ledger, sku, outcome),
      };
    },
  ],
  [
    8,
    ({ tenant, random }) => {
      const { sku } = pick(tenant.items, random);
      return {
        op: 'duplicate-sku',
        method: 'POST',
        url: '/v1/inventory/items',
        body: { sku, name: 'twin', unit: 'each', price: 1 },
        expected: [409],
        foreign: (body) => `a duplicate SKU was created: ${JSON.stringify(body?.data)}`,
      };
    },
  ],
  [
    8,
    ({ tenant, ledger, random }) => {
      const item = pick(tenant.items, random);
      const quantity = 1 + Math.floor(random() * 5);
      return {
        op: 'receive-stock',
        method: 'POST',
        url: '/v1/inventory/movements',
        body: { type: 'receive', itemId: item.id, locationId: tenant.locationId, quantity, reason: 'load' },
        expected: [201],
        foreign: (body) =>
          body?.data?.itemId === item.id ? undefined : `received ${item.id}, got ${body?.data?.itemId}`,
        record: (outcome) => recordReceipt(ledger, item.id, quantity, outcome),
      };
    },
  ],
  [
    6,
    ({ tenant, other, random }) => ({
      op: 'receive-foreign-item',
      method: 'POST',
      url: '/v1/inventory/movements',
      body: {
        type: 'receive',
        itemId: pick(other.items, random).id,
        locationId: tenant.locationId,
        quantity: 1,
        reason: 'load',
      },
      expected: [404],
      foreign: (body) => `stock received for another tenant's item: ${JSON.stringify(body?.data)}`,
    }),
  ],
  [
    4,
    ({ tenant }) => ({
      op: 'open-ticket',
      method: 'POST',
      url: '/v1/pos/tickets',
      body: { shiftId: tenant.shiftId },
      expected: [201],
      foreign: (body) =>
        body?.data?.shiftId === tenant.shiftId && body.data.locationId === tenant.locationId
          ? undefined
          : `opened at shift ${tenant.shiftId}, got ${JSON.stringify(body?.data)}`,
    }),
  ],
  [
    3,
    ({ other }) => ({
      op: 'open-ticket-foreign-shift',
      method: 'POST',
      url: '/v1/pos/tickets',
      body: { shiftId: other.shiftId },
      expected: [404],
      foreign: (body) => `a ticket opened on another tenant's shift: ${JSON.stringify(body?.data)}`,
    }),
  ],
  [
    4,
    ({ tenant, next }) => ({
      op: 'invalid-body',
      method: 'POST',
      url: '/v1/inventory/items',
      body: { sku: `${tenant.prefix}BAD${next()}`, name: 'bad', unit: 'each', price: -1 },
      expected: [400, 422],
      foreign: (body) => `an invalid item was created: ${JSON.stringify(body?.data)}`,
    }),
  ],
];

const totalWeight = operations.reduce((sum, [weight]) => sum + weight, 0);

/** Draws one request of the mix for a tenant. */
export const planRequest = (context: OperationContext): PlannedRequest => {
  let draw = context.random() * totalWeight;
  for (const [weight, operation] of operations) {
    draw -= weight;
    if (draw < 0) return operation(context);
  }
  // Unreachable with positive weights; the last operation is a valid fallback.
  const last = operations.at(-1);
  if (!last) throw new Error('no operations');
  return last[1](context);
};
