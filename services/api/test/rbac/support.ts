import { randomUUID } from 'node:crypto';
import { queryRows } from '@tenantry/db';
import { readCatalogueFile } from '@tenantry/module-registry';
import { sql } from 'drizzle-orm';
import { beforeAll, expect } from 'vitest';
import type { AnyRouteDefinition } from '../../src';
import { activeTenant, type IdentityTestApp } from '../identity/support';
import { addMember, type TenantAdminApp, useTenantAdminApp } from '../identity/tenant-admin-support';

/** module-registry.json as shipped: the source the tests derive their expectations from. */
export const catalogue = readCatalogueFile();
export const builtInRoleKeys = catalogue.roles.map((role) => role.key);
export type BuiltInRoleKey = (typeof builtInRoleKeys)[number];

/** The built-in roles that hold a permission by default, per module-registry.json. */
export const defaultHoldersOf = (permission: string): string[] =>
  catalogue.modules.flatMap((module) => module.permissions).find((entry) => entry.key === permission)
    ?.roles ?? [];

/** A built-in role's default permissions, per module-registry.json (every module enabled). */
export const defaultsOf = (role: string): string[] =>
  catalogue.modules
    .flatMap((module) => module.permissions)
    .filter((permission) => (permission.roles as readonly string[]).includes(role))
    .map((permission) => permission.key)
    .sort();

/** A syntactically valid URL for a route: every path parameter a fresh uuid (nothing exists by it). */
export const urlOf = (route: AnyRouteDefinition) => route.path.replace(/:[A-Za-z0-9_]+/g, () => randomUUID());

export interface SignedInMember {
  userId: string;
  email: string;
  token: string;
}

export interface RbacTenant extends TenantAdminApp {
  tenantId: string;
  slug: string;
  /** One signed-in member per built-in role (the owner signed up; the others were invited). */
  members: Record<BuiltInRoleKey, SignedInMember>;
}

/**
 * An app with one active tenant that has a member of every built-in role,
 * ready before the describe block's tests run.
 */
export const useRbacTenant = (stem: string, mode: 'shared' | 'schema' = 'shared'): RbacTenant => {
  const app = useTenantAdminApp() as RbacTenant;
  beforeAll(async () => {
    const tenant = await activeTenant(app.t, app.root, stem, mode);
    app.tenantId = tenant.tenantId;
    // A member of every role is six people: more than the free plan's users.
    const plan = await app.t.call({
      method: 'PUT',
      url: `/v1/superadmin/tenants/${tenant.tenantId}/plan`,
      token: app.root,
      body: { planKey: 'pro' },
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    app.slug = tenant.slug;
    const members: Partial<Record<BuiltInRoleKey, SignedInMember>> = {
      owner: { userId: tenant.userId, email: tenant.email, token: tenant.tokens.accessToken },
    };
    for (const role of builtInRoleKeys.filter((key) => key !== 'owner')) {
      const member = await addMember(app.t, app.mail, tenant, role);
      members[role] = { userId: member.userId, email: member.email, token: member.tokens.accessToken };
    }
    app.members = members as Record<BuiltInRoleKey, SignedInMember>;
  });
  return app;
};

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Calls /v1/rbac routes as someone. */
export const rbacClient = (t: () => IdentityTestApp) => {
  const call = (method: Method, url: string, token: string, body?: unknown) =>
    t().call({ method, url, token, ...(body === undefined ? {} : { body }) });
  return {
    call,
    me: (token: string) => call('GET', '/v1/rbac/me', token),
    roles: (token: string) => call('GET', '/v1/rbac/roles', token),
    createRole: (token: string, body: unknown) => call('POST', '/v1/rbac/roles', token, body),
    updateRole: (token: string, id: string, body: unknown) =>
      call('PATCH', `/v1/rbac/roles/${id}`, token, body),
    deleteRole: (token: string, id: string) => call('DELETE', `/v1/rbac/roles/${id}`, token),
    assign: (token: string, userId: string, body: unknown) =>
      call('POST', `/v1/rbac/users/${userId}/roles`, token, body),
    unassign: (token: string, userId: string, assignmentId: string) =>
      call('DELETE', `/v1/rbac/users/${userId}/roles/${assignmentId}`, token),
    userRoles: (token: string, userId: string) => call('GET', `/v1/rbac/users/${userId}/roles`, token),
    matrix: (token: string) => call('GET', '/v1/rbac/permission-matrix', token),
    /** The id of a role of the tenant by its key (built-in) or name (custom). */
    async roleId(token: string, keyOrName: string): Promise<string> {
      const listed = await call('GET', '/v1/rbac/roles', token);
      expect(listed.status, JSON.stringify(listed.body)).toBe(200);
      const role = (listed.body.data as { id: string; key: string | null; name: string }[]).find(
        (entry) => entry.key === keyOrName || entry.name === keyOrName,
      );
      if (!role) throw new Error(`no role ${keyOrName}`);
      return role.id;
    },
  };
};

/** Rows of a table in a tenant's own storage, read as the app role under its RLS. */
export const tenantRows = <T>(t: IdentityTestApp, tenantId: string, query: ReturnType<typeof sql>) =>
  t.db.router.withTenant(tenantId, (tx) => queryRows<T>(tx, query));

/** The outbox event types a tenant's storage holds about an entity, oldest first. */
export const eventTypesAbout = async (t: IdentityTestApp, tenantId: string, entityId: string) =>
  (
    await tenantRows<{ type: string }>(
      t,
      tenantId,
      sql`select type from event_outbox where entity_id = ${entityId} order by occurred_at, event_id`,
    )
  ).map((row) => row.type);
