import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeTenant } from '../identity/support';
import { useTenantAdminApp } from '../identity/tenant-admin-support';
import { uniqueCode } from '../inventory/support';
import { tenantRows } from '../rbac/support';
import { runLimited } from './openapi-sweep';

type Method = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface Answer {
  status: number;
  body: string;
  replayed: boolean;
}

/**
 * Idempotency-Key under load, on real write routes: one key sent by 50
 * callers at once has exactly one effect, every other caller gets the stored
 * response or 409 IDEMPOTENCY_IN_PROGRESS; 100 replays answer the same bytes;
 * the same key with another request is 422 IDEMPOTENCY_KEY_REUSED.
 */
describe('Idempotency-Key under concurrency', () => {
  const app = useTenantAdminApp();
  let tenantId = '';
  let token = '';
  const fixture = { locationId: '', itemId: '', shiftId: '' };

  const send = async (method: Method, url: string, key: string, body?: unknown): Promise<Answer> => {
    const response = await app.t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return {
      status: response.statusCode,
      body: response.body,
      replayed: response.headers['idempotent-replayed'] === 'true',
    };
  };

  const ok = async (method: Method, url: string, body?: unknown) => {
    const answer = await send(method, url, randomUUID(), body);
    expect(answer.status, answer.body).toBeLessThan(300);
    return JSON.parse(answer.body).data;
  };

  const count = async (query: ReturnType<typeof sql>) =>
    Number((await tenantRows<{ n: number }>(app.t, tenantId, query))[0]?.n ?? 0);

  /**
   * The whole contract for one request: 50 concurrent, then 100 replays, then
   * the key with another body. `effects` counts what the request changes; it
   * must move by exactly one.
   */
  const exercise = async (options: {
    method: Method;
    url: string;
    body?: unknown;
    otherBody: unknown;
    effects: () => Promise<number>;
  }) => {
    const key = `quality-${randomUUID()}`;
    const before = await options.effects();
    const burst = await Promise.all(
      Array.from({ length: 50 }, () => send(options.method, options.url, key, options.body)),
    );
    const firsts = burst.filter((answer) => answer.status < 300 && !answer.replayed);
    expect(firsts.length, JSON.stringify(burst.map((answer) => answer.status))).toBe(1);
    const first = firsts[0] as Answer;
    const others = burst.filter((answer) => answer !== first);
    const unexpected = others.filter((answer) => {
      if (answer.status === 409) return JSON.parse(answer.body).error?.code !== 'IDEMPOTENCY_IN_PROGRESS';
      return !(answer.replayed && answer.status === first.status && answer.body === first.body);
    });
    expect(unexpected).toEqual([]);
    expect(await options.effects()).toBe(before + 1);

    const replays = await runLimited(
      Array.from({ length: 100 }, () => () => send(options.method, options.url, key, options.body)),
      10,
    );
    const differing = replays.filter(
      (answer) => answer.status !== first.status || answer.body !== first.body || !answer.replayed,
    );
    expect(differing).toEqual([]);
    expect(await options.effects()).toBe(before + 1);

    const reused = await send(options.method, options.url, key, options.otherBody);
    expect(reused.status, reused.body).toBe(422);
    expect(JSON.parse(reused.body).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await options.effects()).toBe(before + 1);
    const inProgress = others.filter((answer) => answer.status === 409).length;
    console.info(
      `idempotency ${options.method} ${options.url}: 50 concurrent -> 1 effect, ${others.length - inProgress} replays, ${inProgress} x 409; 100 replays identical; reuse -> 422`,
    );
    return { first };
  };

  beforeAll(async () => {
    const tenant = await activeTenant(app.t, app.root, 'idem-quality');
    tenantId = tenant.tenantId;
    token = tenant.tokens.accessToken;
    const plan = await app.t.call({
      method: 'PUT',
      url: `/v1/superadmin/tenants/${tenantId}/plan`,
      token: app.root,
      body: { planKey: 'pro' },
    });
    expect(plan.status).toBe(200);
    const location = await ok('POST', '/v1/inventory/locations', { name: 'Store', code: uniqueCode('S') });
    const item = await ok('POST', '/v1/inventory/items', {
      sku: uniqueCode('SKU'),
      name: 'Idem item',
      unit: 'each',
      price: 300,
    });
    await ok('POST', '/v1/inventory/movements', {
      type: 'receive',
      itemId: item.id,
      locationId: location.id,
      quantity: 100,
      reason: 'delivery',
    });
    const register = await ok('POST', '/v1/pos/registers', { name: 'Till', locationId: location.id });
    const shift = await ok('POST', '/v1/pos/shifts', { registerId: register.id, openingFloat: 10_000 });
    Object.assign(fixture, { locationId: location.id, itemId: item.id, shiftId: shift.id });
  });

  it('creates one inventory item', async () => {
    const sku = uniqueCode('IDEM');
    const body = { sku, name: 'Once', unit: 'each', price: 100 };
    const { first } = await exercise({
      method: 'POST',
      url: '/v1/inventory/items',
      body,
      otherBody: { ...body, price: 101 },
      effects: () => count(sql`select count(*)::int as n from inventory_items where sku = ${sku}`),
    });
    expect(first.status).toBe(201);
  });

  it('opens one POS ticket and counts it once against the monthly quota', async () => {
    const quota = () =>
      count(sql`select coalesce(sum(value), 0)::int as n from usage_counters
                 where tenant_id = ${tenantId} and quota = 'pos_tickets_per_month'`);
    const quotaBefore = await quota();
    const { first } = await exercise({
      method: 'POST',
      url: '/v1/pos/tickets',
      body: { shiftId: fixture.shiftId },
      otherBody: { shiftId: randomUUID() },
      effects: () =>
        count(sql`select count(*)::int as n from pos_tickets where shift_id = ${fixture.shiftId}`),
    });
    expect(first.status).toBe(201);
    expect(await quota()).toBe(quotaBefore + 1);
  });

  it('settles a POS ticket once: one pos.ticket.settled event', async () => {
    const ticket = await ok('POST', '/v1/pos/tickets', { shiftId: fixture.shiftId });
    const rung = await ok('POST', `/v1/pos/tickets/${ticket.id}/lines`, {
      itemId: fixture.itemId,
      quantity: 1,
    });
    await ok('POST', `/v1/pos/tickets/${ticket.id}/payments`, { method: 'cash', amount: rung.total });
    const { first } = await exercise({
      method: 'POST',
      url: `/v1/pos/tickets/${ticket.id}/settle`,
      otherBody: { note: 'another request' },
      effects: () =>
        count(sql`select count(*)::int as n from event_outbox
                   where entity_id = ${ticket.id} and type = 'pos.ticket.settled'`),
    });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body).data.status).toBe('settled');
  });

  it('creates one role', async () => {
    const name = `Idem role ${randomUUID().slice(0, 8)}`;
    const { first } = await exercise({
      method: 'POST',
      url: '/v1/rbac/roles',
      body: { name, permissions: ['inventory.item.read'] },
      otherBody: { name, permissions: ['inventory.item.read', 'inventory.stock.read'] },
      effects: () => count(sql`select count(*)::int as n from roles where name = ${name}`),
    });
    expect(first.status).toBe(201);
  });
});
