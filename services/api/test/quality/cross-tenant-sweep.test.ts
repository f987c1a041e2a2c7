import { randomUUID } from 'node:crypto';
import { queryRows } from '@tenantry/db';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeTenant, type IdentityTestApp, uniqueName } from '../identity/support';
import { addMember, type InvitationMail, useTenantAdminApp } from '../identity/tenant-admin-support';
import { uniqueCode } from '../inventory/support';
import {
  IdCollector,
  type OpenApiDocument,
  operationsOf,
  permutations,
  runLimited,
  type SweepOperation,
  sampleFor,
} from './openapi-sweep';

type Method = SweepOperation['method'];

interface SeededTenant {
  tenantId: string;
  token: string;
  ids: IdCollector;
}

/**
 * A tenant on the pro plan with data in every module, made through the API as
 * its owner; every id any of its responses contained is collected.
 */
const seedTenant = async (
  t: IdentityTestApp,
  mail: InvitationMail,
  root: string,
  stem: string,
): Promise<SeededTenant> => {
  const tenant = await activeTenant(t, root, stem);
  const plan = await t.call({
    method: 'PUT',
    url: `/v1/superadmin/tenants/${tenant.tenantId}/plan`,
    token: root,
    body: { planKey: 'pro' },
  });
  expect(plan.status, JSON.stringify(plan.body)).toBe(200);
  const token = tenant.tokens.accessToken;
  const ids = new IdCollector();
  ids.collect({ tenantId: tenant.tenantId, userId: tenant.userId }, 'signup');
  // biome-ignore lint/suspicious/noExplicitAny: responses are read field by field.
  const call = async (method: Method, url: string, body?: unknown, status = 201): Promise<any> => {
    const response = await t.call({ method, url, token, ...(body === undefined ? {} : { body }) });
    expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBe(status);
    ids.collect(response.body, `${method} ${url}`);
    return response.body.data;
  };

  // identity: an invitation and an API key
  await call('POST', '/v1/tenants/current/invitations', { email: uniqueName(stem).email, role: 'cashier' });
  await call('POST', '/v1/tenants/current/api-keys', { name: 'sweep', permissions: ['inventory.item.read'] });
  // rbac: a custom role, assigned to a member (nobody may change their own assignments)
  const member = await addMember(t, mail, tenant, 'cashier');
  ids.collect({ userId: member.userId }, 'member');
  const role = await call('POST', '/v1/rbac/roles', {
    name: `Sweep ${stem}`,
    permissions: ['inventory.item.read'],
  });
  await call('POST', `/v1/rbac/users/${member.userId}/roles`, { roleId: role.id });
  // inventory: two locations, an item, a movement, a shipped transfer, a count with a line
  const store = await call('POST', '/v1/inventory/locations', { name: 'Store', code: uniqueCode('S') });
  const depot = await call('POST', '/v1/inventory/locations', { name: 'Depot', code: uniqueCode('D') });
  const item = await call('POST', '/v1/inventory/items', {
    sku: uniqueCode('SKU'),
    name: 'Sweep item',
    unit: 'each',
    price: 500,
  });
  await call('POST', '/v1/inventory/movements', {
    type: 'receive',
    itemId: item.id,
    locationId: store.id,
    quantity: 50,
    reason: 'delivery',
  });
  const transfer = await call('POST', '/v1/inventory/transfers', {
    fromLocationId: store.id,
    toLocationId: depot.id,
    lines: [{ itemId: item.id, quantity: 2 }],
  });
  await call('POST', `/v1/inventory/transfers/${transfer.id}/ship`, undefined, 200);
  const count = await call('POST', '/v1/inventory/counts', { locationId: store.id });
  await call(
    'POST',
    `/v1/inventory/counts/${count.id}/lines`,
    { lines: [{ itemId: item.id, countedQuantity: 48 }] },
    200,
  );
  // pos: a register, a shift, an open ticket with a line, a settled ticket and its refund
  const register = await call('POST', '/v1/pos/registers', { name: 'Till', locationId: store.id });
  const shift = await call('POST', '/v1/pos/shifts', { registerId: register.id, openingFloat: 10_000 });
  const open = await call('POST', '/v1/pos/tickets', { shiftId: shift.id });
  await call('POST', `/v1/pos/tickets/${open.id}/lines`, { itemId: item.id, quantity: 1 });
  const sold = await call('POST', '/v1/pos/tickets', { shiftId: shift.id });
  const rung = await call('POST', `/v1/pos/tickets/${sold.id}/lines`, { itemId: item.id, quantity: 2 });
  await call('POST', `/v1/pos/tickets/${sold.id}/payments`, { method: 'cash', amount: rung.total });
  await call('POST', `/v1/pos/tickets/${sold.id}/settle`, undefined, 200);
  await call('POST', `/v1/pos/tickets/${sold.id}/refunds`, {
    reason: 'customer return',
    lines: [{ lineId: rung.lines[0].id, quantity: 1 }],
  });
  return { tenantId: tenant.tenantId, token, ids };
};

const isSuperadmin = (operation: SweepOperation) => operation.path.startsWith('/v1/superadmin/');

const urlFor = (operation: SweepOperation, values: string[], document: OpenApiDocument) => {
  let index = 0;
  const path = operation.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[index++] as string));
  const query = operation.requiredQuery
    .map(
      ({ name, schema }) =>
        `${name}=${encodeURIComponent(String(sampleFor(schema, values[0] as string, document)))}`,
    )
    .join('&');
  return query ? `${path}?${query}` : path;
};

/**
 * Every tenant-bearing table, as the app role under the tenant's RLS: one md5
 * per table over its rows ordered by their text. Tables without RLS (the
 * platform directory) are filtered on tenant_id explicitly.
 */
const checksums = (t: IdentityTestApp, tenantId: string) =>
  t.db.router.withTenant(tenantId, async (tx) => {
    const tables = await queryRows<{ name: string }>(
      tx,
      sql`select quote_ident(c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
             and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id')
           order by 1`,
    );
    const sums: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = await queryRows<{ sum: string; rows: number }>(
        tx,
        sql.raw(
          `select md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as sum, count(*)::int as rows
             from ${name} r where r.tenant_id = '${tenantId}'`,
        ),
      );
      sums[name] = `${row?.rows}:${row?.sum}`;
    }
    return sums;
  });

describe('cross-tenant sweep: tenant B reaches none of tenant A’s rows through any operation', () => {
  const app = useTenantAdminApp();
  let a: SeededTenant;
  let b: SeededTenant;
  let document: OpenApiDocument;
  /** A's ids not also seen by B (global ids such as catalogue entries are not A's). */
  let foreign: Map<string, string>;

  beforeAll(async () => {
    a = await seedTenant(app.t, app.mail, app.root, 'sweep-a');
    b = await seedTenant(app.t, app.mail, app.root, 'sweep-b');
    // B's view of the document, as B's owner fetches it.
    const fetched = await app.t.call({ method: 'GET', url: '/v1/openapi.json', token: b.token });
    expect(fetched.status).toBe(200);
    document = fetched.body;
    // A's parameterless reads add what the writes did not return (sessions, members, audit events...).
    for (const operation of operationsOf(document)) {
      if (operation.method !== 'GET' || operation.pathParams.length > 0 || isSuperadmin(operation)) continue;
      if (operation.requiredQuery.length > 0) continue;
      const response = await app.t.call({ method: 'GET', url: operation.path, token: a.token });
      if (response.status === 200) a.ids.collect(response.body, `GET ${operation.path}`);
    }
    foreign = new Map([...a.ids.ids].filter(([id]) => !b.ids.ids.has(id)));
  }, 60_000);

  /** The parameter tuples tried on an operation: each id of A in every slot, ids seen together, a random one. */
  const tuplesFor = (operation: SweepOperation): { values: string[]; label: string }[] => {
    const size = operation.pathParams.length;
    const tuples = new Map<string, { values: string[]; label: string }>();
    // Superadmin routes refuse B before any lookup: A's tenant and user ids stand for the rest.
    const candidates = isSuperadmin(operation)
      ? [...foreign].filter(([, origin]) => origin.startsWith('signup'))
      : [...foreign];
    for (const [id, origin] of candidates) tuples.set(id, { values: Array(size).fill(id), label: origin });
    if (size > 1) {
      for (const group of a.ids.groups.values()) {
        const mine = group.filter((id) => foreign.has(id));
        for (const values of permutations(mine, size))
          tuples.set(values.join(','), { values, label: values.map((id) => foreign.get(id)).join(' + ') });
      }
    }
    const random = randomUUID();
    tuples.set(random, { values: Array(size).fill(random), label: 'random uuid' });
    return [...tuples.values()];
  };

  it('has ids of A from every module, and B holds a copy of each kind', () => {
    const origins = [...foreign.values()].join('\n');
    for (const route of [
      '/v1/tenants/current/invitations',
      '/v1/tenants/current/api-keys',
      '/v1/rbac/roles',
      '/v1/rbac/users/',
      '/v1/inventory/locations',
      '/v1/inventory/items',
      '/v1/inventory/movements',
      '/v1/inventory/transfers',
      '/v1/inventory/counts',
      '/v1/pos/registers',
      '/v1/pos/shifts',
      '/v1/pos/tickets',
      '/refunds',
    ]) {
      expect(origins, route).toContain(route);
    }
    expect(b.ids.ids.size).toBeGreaterThan(20);
  });

  it('lets A itself read its rows by id on every parameterised GET (the ids are real)', async () => {
    const unreached: string[] = [];
    for (const operation of operationsOf(document)) {
      if (operation.method !== 'GET' || operation.pathParams.length === 0 || isSuperadmin(operation))
        continue;
      let reached = false;
      for (const { values } of tuplesFor(operation)) {
        const response = await app.t.call({
          method: 'GET',
          url: urlFor(operation, values, document),
          token: a.token,
        });
        if (response.status === 200) {
          reached = true;
          break;
        }
      }
      if (!reached) unreached.push(`GET ${operation.path}`);
    }
    expect(unreached).toEqual([]);
  });

  it('answers 404 (403 on superadmin routes) to every operation with a path parameter, and changes none of A’s rows', async () => {
    const before = await checksums(app.t, a.tenantId);
    // The checksum covers A's rows in every module's tables, not a handful of empty ones.
    expect(Object.keys(before).length).toBeGreaterThan(20);
    for (const table of [
      'invitations',
      'api_keys',
      'role_assignments',
      'stock_transfers',
      'stock_counts',
      'pos_refunds',
    ])
      expect(before[table], table).not.toMatch(/^0:/);
    const operations = operationsOf(document).filter((operation) => operation.pathParams.length > 0);
    const tasks = operations.flatMap((operation) =>
      tuplesFor(operation).map(({ values, label }) => async () => {
        const body = operation.body ? sampleFor(operation.body, values[0] as string, document) : undefined;
        const url = urlFor(operation, values, document);
        const response = await app.t.call({
          method: operation.method,
          url,
          token: b.token,
          ...(body === undefined ? {} : { body }),
        });
        const expected = isSuperadmin(operation)
          ? { status: 403, code: 'AUTHZ' }
          : { status: 404, code: 'NOT_FOUND' };
        const ok = response.status === expected.status && response.body?.error?.code === expected.code;
        return {
          success: response.status >= 200 && response.status < 300,
          problem: ok
            ? null
            : `${operation.method} ${url} (${label}) -> ${response.status} ${JSON.stringify(response.body?.error ?? response.body)}`,
        };
      }),
    );
    const results = await runLimited(tasks, 12);
    const successes = results.filter((result) => result.success).map((result) => result.problem);
    // At most three examples per operation, so a failing route reads as one finding.
    const byOperation = new Map<string, string[]>();
    for (const { problem } of results) {
      if (!problem) continue;
      const key = problem
        .split(' ')
        .slice(0, 2)
        .join(' ')
        .replace(/[0-9a-f-]{36}/g, '{id}');
      byOperation.set(key, [...(byOperation.get(key) ?? []), problem]);
    }
    const problems = [...byOperation.values()].flatMap((list) => [
      ...list.slice(0, 3),
      ...(list.length > 3 ? [`... and ${list.length - 3} more like it`] : []),
    ]);
    console.info(
      `cross-tenant sweep: ${operations.length} operations with path parameters (${
        operations.filter(isSuperadmin).length
      } superadmin), ${foreign.size} ids of A + 1 random uuid (+ ids seen together for two-parameter paths), ${
        tasks.length
      } requests as B's owner`,
    );
    expect(successes).toEqual([]);
    expect(problems).toEqual([]);
    expect(await checksums(app.t, a.tenantId)).toEqual(before);
  }, 90_000);
});
