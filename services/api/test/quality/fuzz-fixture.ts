/**
 * The tenant the fuzz runs as: an active tenant on the pro plan with a row
 * or two in every module, made through the API by its owner; the ids of those
 * rows by the path segment they stand behind; the owner's session (renewed
 * when a fuzzed logout or session revocation ends it); a per-table checksum
 * of everything the tenant owns; and the response oracle.
 */
import { queryRows } from '@tenantry/db';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { apiConfigFromEnv } from '../../src';
import { activeTenant, type IdentityTestApp, loginAs, uniqueName } from '../identity/support';
import { addMember, type TenantAdminApp } from '../identity/tenant-admin-support';
import { uniqueCode } from '../inventory/support';
import type { FuzzOperation, FuzzRequest, Method } from './fuzz-requests';

export interface FuzzResponse {
  status: number;
  contentType: string;
  text: string;
}

export interface FuzzFixture {
  tenantId: string;
  /** The owner's current access token. */
  token(): string;
  /** Signs the owner in again when the token stopped working; answers whether it had to. */
  ensureSignedIn(): Promise<boolean>;
  /** Real values for a path parameter, chosen by the segment before it. */
  pathValues(operation: FuzzOperation, param: string): readonly string[];
  ids: readonly string[];
  bodyLimit: number;
  send(request: FuzzRequest): Promise<FuzzResponse>;
  checksum(): Promise<Record<string, string>>;
}

/**
 * Every tenant-bearing table, as the app role under the tenant's RLS: one md5
 * per table over its rows ordered by their text (as cross-tenant-sweep does).
 */
export const tenantChecksum = (t: IdentityTestApp, tenantId: string) =>
  t.db.router.withTenant(tenantId, async (tx) => {
    const tables = await queryRows<{ name: string }>(
      tx,
      sql`select quote_ident(c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
             and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id')
           order by 1`,
    );
    const union = tables
      .map(
        ({ name }) =>
          `select '${name}' as name, md5(coalesce(string_agg(r::text, '|' order by r::text), '')) || ':' || count(*) as sum
             from ${name} r where r.tenant_id = '${tenantId}'`,
      )
      .join(' union all ');
    const rows = await queryRows<{ name: string; sum: string }>(tx, sql.raw(union));
    return Object.fromEntries(rows.map((row) => [row.name, row.sum]));
  });

/** Tables whose checksum differs between two snapshots. */
export const changedTables = (before: Record<string, string>, after: Record<string, string>): string[] =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (name) => before[name] !== after[name],
  );

export const buildFuzzFixture = async (app: TenantAdminApp): Promise<FuzzFixture> => {
  const t = app.t;
  const tenant = await activeTenant(t, app.root, 'fuzz');
  const plan = await t.call({
    method: 'PUT',
    url: `/v1/superadmin/tenants/${tenant.tenantId}/plan`,
    token: app.root,
    body: { planKey: 'pro' },
  });
  expect(plan.status, JSON.stringify(plan.body)).toBe(200);
  let token = tenant.tokens.accessToken;
  // biome-ignore lint/suspicious/noExplicitAny: responses are read field by field.
  const call = async (method: Method, url: string, body?: unknown, status = 201): Promise<any> => {
    const response = await t.call({ method, url, token, ...(body === undefined ? {} : { body }) });
    expect(response.status, `${method} ${url}: ${JSON.stringify(response.body)}`).toBe(status);
    return response.body.data;
  };

  const member = await addMember(t, app.mail, tenant, 'cashier');
  const invitation = await call('POST', '/v1/tenants/current/invitations', {
    email: uniqueName('fuzz-invite').email,
    role: 'manager',
  });
  const apiKey = await call('POST', '/v1/tenants/current/api-keys', {
    name: 'fuzz',
    permissions: ['inventory.item.read'],
  });
  const role = await call('POST', '/v1/rbac/roles', {
    name: 'Fuzz role',
    permissions: ['inventory.item.read'],
  });
  const assignment = await call('POST', `/v1/rbac/users/${member.userId}/roles`, { roleId: role.id });
  // A second session of the owner's: what DELETE /v1/auth/sessions/{id} gets to revoke.
  await loginAs(t, tenant.email, tenant.slug);
  const sessions = (await call('GET', '/v1/auth/sessions', undefined, 200)) as {
    id: string;
    current: boolean;
  }[];

  const store = await call('POST', '/v1/inventory/locations', { name: 'Store', code: uniqueCode('S') });
  const depot = await call('POST', '/v1/inventory/locations', { name: 'Depot', code: uniqueCode('D') });
  const item = await call('POST', '/v1/inventory/items', {
    sku: uniqueCode('SKU'),
    name: 'Fuzz item',
    unit: 'each',
    price: 500,
  });
  const other = await call('POST', '/v1/inventory/items', {
    sku: uniqueCode('SKU'),
    name: 'Other item',
    unit: 'each',
    price: 250,
  });
  for (const [itemId, quantity] of [
    [item.id, 500],
    [other.id, 500],
  ])
    await call('POST', '/v1/inventory/movements', {
      type: 'receive',
      itemId,
      locationId: store.id,
      quantity,
      reason: 'delivery',
    });
  const transfer = await call('POST', '/v1/inventory/transfers', {
    fromLocationId: store.id,
    toLocationId: depot.id,
    lines: [{ itemId: item.id, quantity: 2 }],
  });
  const shipped = await call('POST', '/v1/inventory/transfers', {
    fromLocationId: store.id,
    toLocationId: depot.id,
    lines: [{ itemId: item.id, quantity: 3 }],
  });
  await call('POST', `/v1/inventory/transfers/${shipped.id}/ship`, undefined, 200);
  const count = await call('POST', '/v1/inventory/counts', { locationId: store.id });
  await call(
    'POST',
    `/v1/inventory/counts/${count.id}/lines`,
    { lines: [{ itemId: item.id, countedQuantity: 490 }] },
    200,
  );

  const register = await call('POST', '/v1/pos/registers', { name: 'Till', locationId: store.id });
  const shift = await call('POST', '/v1/pos/shifts', { registerId: register.id, openingFloat: 10_000 });
  const open = await call('POST', '/v1/pos/tickets', { shiftId: shift.id });
  const openLine = await call('POST', `/v1/pos/tickets/${open.id}/lines`, { itemId: item.id, quantity: 1 });
  const sold = await call('POST', '/v1/pos/tickets', { shiftId: shift.id });
  const rung = await call('POST', `/v1/pos/tickets/${sold.id}/lines`, { itemId: other.id, quantity: 2 });
  await call('POST', `/v1/pos/tickets/${sold.id}/payments`, { method: 'cash', amount: rung.total });
  await call('POST', `/v1/pos/tickets/${sold.id}/settle`, undefined, 200);

  const bySegment: Record<string, string[]> = {
    sessions: sessions.filter((session) => !session.current).map((session) => session.id),
    members: [member.userId],
    invitations: [invitation.id],
    'api-keys': [apiKey.id],
    tenants: [tenant.tenantId],
    users: [member.userId, tenant.userId],
    plans: ['pro', 'free'],
    modules: ['pos', 'inventory'],
    'feature-flags': ['fuzz-flag'],
    roles: [role.id],
    items: [item.id, other.id],
    transfers: [transfer.id, shipped.id],
    counts: [count.id],
    shifts: [shift.id],
    tickets: [open.id, sold.id],
    lines: [
      ...openLine.lines.map((line: { id: string }) => line.id),
      ...rung.lines.map((line: { id: string }) => line.id),
    ],
  };
  const byParam: Record<string, string[]> = {
    assignmentId: [assignment.id],
    moduleKey: ['pos', 'inventory'],
  };
  const ids = [
    ...new Set(
      [
        tenant.tenantId,
        tenant.userId,
        member.userId,
        store.id,
        depot.id,
        register.id,
        ...Object.values(bySegment).flat(),
        ...Object.values(byParam).flat(),
      ].filter((id) => /^[0-9a-f]{8}-/.test(id)),
    ),
  ];

  const bodyLimit = Number(t.app.initialConfig.bodyLimit ?? apiConfigFromEnv().bodyLimitBytes);
  return {
    tenantId: tenant.tenantId,
    token: () => token,
    async ensureSignedIn() {
      const me = await t.app.inject({
        method: 'GET',
        url: '/v1/auth/me',
        headers: { authorization: `Bearer ${token}` },
      });
      if (me.statusCode === 200) return false;
      token = (await loginAs(t, tenant.email, tenant.slug)).accessToken;
      return true;
    },
    pathValues(operation, param) {
      if (byParam[param]) return byParam[param];
      const segments = operation.path.split('/');
      const before = segments[segments.indexOf(`{${param}}`) - 1] ?? '';
      return bySegment[before] ?? [];
    },
    ids,
    bodyLimit,
    async send(request) {
      const response = await t.app.inject({
        method: request.method,
        url: request.url,
        remoteAddress: '203.0.113.77',
        headers: { ...request.headers, authorization: `Bearer ${token}` },
        ...(request.payload === undefined ? {} : { payload: request.payload }),
      });
      return {
        status: response.statusCode,
        contentType: String(response.headers['content-type'] ?? ''),
        text: response.body,
      };
    },
    checksum: () => tenantChecksum(t, tenant.tenantId),
  };
};

const stackTrace = [
  /\n\s+at\s/,
  /\bat\s+(?:async\s+)?[\w$.<>[\]]*\s*\(?(?:file:\/\/)?\/[^\s)]*:\d+/,
  /(?:\/work\/|\/node_modules\/|\/src\/[\w/-]+\.[cm]?[jt]s)/,
  /\b(?:[A-Z][A-Za-z]*)?Error:/,
];

export interface ResponseProblem {
  /** What kind of problem, for grouping: one counterexample per kind is shrunk and reported. */
  signature: string;
  message: string;
}

const codeIn = (text: string): string => {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown } | string; code?: unknown };
    const code = typeof body.error === 'object' ? body.error?.code : body.code;
    return typeof code === 'string' ? code : '?';
  } catch {
    return 'not JSON';
  }
};

/** What is wrong with a response, if anything: a 5xx, a non-envelope error, a stack trace. */
export const responseProblem = (response: FuzzResponse): ResponseProblem | null => {
  const head = (max: number) => response.text.slice(0, max);
  if (response.status >= 500)
    return {
      signature: `status ${response.status} ${codeIn(response.text)}`,
      message: `status ${response.status}: ${head(300)}`,
    };
  const leak = stackTrace.find((pattern) => pattern.test(response.text));
  if (leak)
    return {
      signature: `stack trace in a ${response.status} body`,
      message: `stack trace text (${leak}) in the body: ${head(300)}`,
    };
  if (response.status < 400) return null;
  const notEnvelope = (why: string) => ({
    signature: `error ${response.status} ${codeIn(response.text)} not in the envelope`,
    message: `error ${response.status} ${why}: ${head(240)}`,
  });
  if (!response.contentType.includes('application/json'))
    return notEnvelope(`with content-type "${response.contentType}"`);
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    return notEnvelope('body is not JSON');
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!error || typeof error !== 'object') return notEnvelope('without an { error: {...} } envelope');
  if (typeof error.code !== 'string' || error.code.length === 0) return notEnvelope('without a code');
  if (typeof error.message !== 'string') return notEnvelope('without a message');
  return null;
};
