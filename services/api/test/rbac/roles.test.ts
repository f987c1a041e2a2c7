import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activeTenant } from '../identity/support';
import { auditActionsAbout, expectRefused } from '../identity/tenant-admin-support';
import {
  builtInRoleKeys,
  catalogue,
  defaultsOf,
  eventTypesAbout,
  rbacClient,
  tenantRows,
  useRbacTenant,
} from './support';

describe('roles: built-in profiles, custom roles and assignments', () => {
  const app = useRbacTenant('roles');
  const rbac = rbacClient(() => app.t);
  const owner = () => app.members.owner.token;

  it('seeds the built-in roles when a tenant is approved, in its own storage', async () => {
    // A tenant in its own schema: nothing has called /v1/rbac for it yet.
    const tenant = await activeTenant(app.t, app.root, 'seeded', 'schema');
    const rows = await tenantRows<{ key: string; rank: number; built_in: boolean }>(
      app.t,
      tenant.tenantId,
      sql`select key, rank, built_in from roles order by rank desc`,
    );
    expect(rows).toEqual(catalogue.roles.map((role) => ({ key: role.key, rank: role.rank, built_in: true })));
    expect(await eventTypesAbout(app.t, tenant.tenantId, tenant.tenantId)).toContain('rbac.roles.seeded');

    const listed = await rbac.roles(tenant.tokens.accessToken);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((role: { key: string }) => role.key)).toEqual(builtInRoleKeys);
    for (const role of listed.body.data) {
      expect(role.builtIn).toBe(true);
      expect([...role.permissions].sort(), role.key).toEqual(defaultsOf(role.key));
    }
  });

  it('seeds them lazily, once, for a tenant approved before roles existed', async () => {
    const tenant = await activeTenant(app.t, app.root, 'legacy');
    await tenantRows(app.t, tenant.tenantId, sql`delete from roles`);
    const [first, second] = await Promise.all([
      rbac.roles(tenant.tokens.accessToken),
      rbac.roles(tenant.tokens.accessToken),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(first.body.data).toHaveLength(builtInRoleKeys.length);
    const count = await tenantRows<{ n: number }>(
      app.t,
      tenant.tenantId,
      sql`select count(*)::int as n from roles`,
    );
    expect(count).toEqual([{ n: builtInRoleKeys.length }]);
  });

  it('lists the permissions of the enabled modules with their default holders', async () => {
    const listed = await app.t.call({ method: 'GET', url: '/v1/rbac/permissions', token: owner() });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toContainEqual({
      key: 'rbac.role.manage',
      module: 'rbac',
      description: expect.any(String),
      roles: ['owner', 'admin'],
    });
    const keys = listed.body.data.map((entry: { key: string }) => entry.key);
    expect([...keys].sort()).toEqual(
      catalogue.modules.flatMap((module) => module.permissions.map((permission) => permission.key)).sort(),
    );
    const cashier = await app.t.call({
      method: 'GET',
      url: '/v1/rbac/permissions',
      token: app.members.cashier.token,
    });
    expectRefused(cashier, 403, 'AUTHZ');
  });

  it('keeps built-in roles as they are', async () => {
    const adminRole = await rbac.roleId(owner(), 'admin');
    expectRefused(await rbac.updateRole(owner(), adminRole, { name: 'Boss' }), 409, 'BUILT_IN_ROLE');
    expectRefused(await rbac.deleteRole(owner(), adminRole), 409, 'BUILT_IN_ROLE');
    // Built-in names are taken, whatever the case.
    expectRefused(await rbac.createRole(owner(), { name: 'MANAGER', permissions: [] }), 409);
  });

  it('creates, edits and deletes a custom role, each change audited with its event', async () => {
    const created = await rbac.createRole(owner(), {
      name: 'Stock clerk',
      permissions: ['inventory.stock.adjust', 'inventory.item.read'],
      rank: 30,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data).toEqual(
      expect.objectContaining({
        key: null,
        name: 'Stock clerk',
        rank: 30,
        builtIn: false,
        permissions: ['inventory.item.read', 'inventory.stock.adjust'],
      }),
    );
    const id = created.body.data.id as string;
    expectRefused(await rbac.createRole(owner(), { name: 'stock CLERK', permissions: [] }), 409);

    const edited = await rbac.updateRole(owner(), id, {
      name: 'Stock keeper',
      permissions: ['inventory.item.read'],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.data).toEqual(
      expect.objectContaining({ name: 'Stock keeper', rank: 30, permissions: ['inventory.item.read'] }),
    );
    expectRefused(await rbac.updateRole(owner(), id, {}), 400);

    const { cashier, viewer } = app.members;
    expect((await rbac.assign(owner(), cashier.userId, { roleId: id })).status).toBe(201);
    expect((await rbac.assign(owner(), viewer.userId, { roleId: id, locationId: randomUUID() })).status).toBe(
      201,
    );
    const deleted = await rbac.deleteRole(owner(), id);
    expect(deleted.status).toBe(200);
    expect(deleted.body.data).toEqual({ id, assignmentsRemoved: 2 });
    expect((await rbac.userRoles(owner(), cashier.userId)).body.data.assignments).toEqual([]);
    expect((await rbac.roles(owner())).body.data.map((role: { id: string }) => role.id)).not.toContain(id);

    expect(await auditActionsAbout(app.t, app.tenantId, id)).toEqual([
      'role.created',
      'role.updated',
      'role.deleted',
    ]);
    expect(await eventTypesAbout(app.t, app.tenantId, id)).toEqual([
      'rbac.role.created',
      'rbac.role.updated',
      'rbac.role.deleted',
    ]);
    expectRefused(await rbac.deleteRole(owner(), id), 404);
  });

  it('assigns and takes back roles, tenant-wide or at a location, with audit rows and events', async () => {
    const { member } = app.members;
    const managerRole = await rbac.roleId(owner(), 'manager');
    const location = randomUUID();
    const tenantWide = await rbac.assign(owner(), member.userId, { roleId: managerRole });
    expect(tenantWide.status, JSON.stringify(tenantWide.body)).toBe(201);
    expect(tenantWide.body.data).toEqual(
      expect.objectContaining({ userId: member.userId, roleKey: 'manager', rank: 60, locationId: null }),
    );
    const atStore = await rbac.assign(owner(), member.userId, { roleId: managerRole, locationId: location });
    expect(atStore.status).toBe(201);
    // Held once per place: the same role again tenant-wide (null location) is a conflict.
    expectRefused(await rbac.assign(owner(), member.userId, { roleId: managerRole }), 409);

    const listed = await rbac.userRoles(owner(), member.userId);
    expect(listed.status).toBe(200);
    expect(listed.body.data.baseRole).toBe('member');
    expect(
      listed.body.data.assignments.map((entry: { locationId: string | null }) => entry.locationId),
    ).toEqual([null, location]);

    const removed = await rbac.unassign(owner(), member.userId, tenantWide.body.data.id);
    expect(removed.status).toBe(200);
    expectRefused(await rbac.unassign(owner(), member.userId, tenantWide.body.data.id), 404);
    expect(await auditActionsAbout(app.t, app.tenantId, tenantWide.body.data.id)).toEqual([
      'role.assigned',
      'role.unassigned',
    ]);
    expect(await eventTypesAbout(app.t, app.tenantId, tenantWide.body.data.id)).toEqual([
      'rbac.role.assigned',
      'rbac.role.unassigned',
    ]);
    await rbac.unassign(owner(), member.userId, atStore.body.data.id);

    // Someone of another tenant, or nobody at all, is not a member here: NOT_FOUND.
    const stranger = await activeTenant(app.t, app.root, 'roles-stranger');
    expectRefused(await rbac.assign(owner(), stranger.userId, { roleId: managerRole }), 404);
    expectRefused(await rbac.userRoles(owner(), randomUUID()), 404);
    // Another tenant's role id is not in this tenant's storage.
    const foreignRole = await rbac.roleId(stranger.tokens.accessToken, 'viewer');
    expectRefused(await rbac.assign(owner(), member.userId, { roleId: foreignRole }), 404);
  });

  it('tells the registry which tenants’ custom roles hold a permission', async () => {
    const created = await rbac.createRole(owner(), { name: 'Voider', permissions: ['pos.ticket.void'] });
    expect(created.status).toBe(201);
    const other = await activeTenant(app.t, app.root, 'usage', 'schema');
    await rbac.createRole(other.tokens.accessToken, {
      name: 'Refunder',
      permissions: ['pos.ticket.void', 'pos.ticket.refund'],
    });
    const uses = await app.t.modules.rbac.permissionUsage([
      'pos.ticket.void',
      'pos.ticket.refund',
      'pos.report.read',
    ]);
    expect(uses).toEqual(
      expect.arrayContaining([
        {
          permission: 'pos.ticket.void',
          tenants: expect.arrayContaining([app.tenantId, other.tenantId]),
          roles: expect.arrayContaining(['Voider', 'Refunder']),
        },
        { permission: 'pos.ticket.refund', tenants: [other.tenantId], roles: ['Refunder'] },
      ]),
    );
    expect(uses.map((use) => use.permission)).not.toContain('pos.report.read');
    await rbac.deleteRole(owner(), created.body.data.id);
  });

  it('applies a role change on the member’s next request, with the same token', async () => {
    const { viewer } = app.members;
    expectRefused(await rbac.roles(viewer.token), 403, 'AUTHZ');
    const created = await rbac.createRole(owner(), { name: 'Role reader', permissions: ['rbac.role.read'] });
    const roleId = created.body.data.id as string;
    const assigned = await rbac.assign(owner(), viewer.userId, { roleId });
    expect((await rbac.roles(viewer.token)).status).toBe(200);

    // Editing the role reaches its holders at once too.
    await rbac.updateRole(owner(), roleId, { permissions: ['identity.member.read'] });
    expectRefused(await rbac.roles(viewer.token), 403);
    expect(
      (await app.t.call({ method: 'GET', url: '/v1/tenants/current/members', token: viewer.token })).status,
    ).toBe(200);
    await rbac.updateRole(owner(), roleId, { permissions: ['rbac.role.read'] });
    expect((await rbac.roles(viewer.token)).status).toBe(200);

    await rbac.unassign(owner(), viewer.userId, assigned.body.data.id);
    expectRefused(await rbac.roles(viewer.token), 403);
    await rbac.deleteRole(owner(), roleId);
  });

  it('gives a location-scoped role’s permissions at that location only', async () => {
    const { viewer } = app.members;
    const store = randomUUID();
    const cashierRole = await rbac.roleId(owner(), 'cashier');
    const assigned = await rbac.assign(owner(), viewer.userId, { roleId: cashierRole, locationId: store });
    expect(assigned.status).toBe(201);

    const me = await rbac.me(viewer.token);
    expect(me.status).toBe(200);
    expect(me.body.data).toEqual(
      expect.objectContaining({ kind: 'user', tenantId: app.tenantId, roles: ['viewer'], rank: 10 }),
    );
    expect(me.body.data.permissions).toEqual(defaultsOf('viewer'));
    expect(me.body.data.permissions).not.toContain('pos.ticket.create');
    expect(me.body.data.locationPermissions).toEqual({ [store]: defaultsOf('cashier') });
    expect(me.body.data.locationPermissions[store]).toContain('pos.ticket.create');

    await rbac.unassign(owner(), viewer.userId, assigned.body.data.id);
    expect((await rbac.me(viewer.token)).body.data.locationPermissions).toEqual({});
  });

  it('tells each caller what it may do now: roles, rank, permissions and modules', async () => {
    const me = await rbac.me(owner());
    expect(me.body.data).toEqual({
      kind: 'user',
      tenantId: app.tenantId,
      roles: ['owner'],
      rank: 100,
      permissions: defaultsOf('owner'),
      locationPermissions: {},
      modules: expect.arrayContaining(catalogue.modules.map((module) => module.key)),
    });
    // A custom role adds its permissions, its name and (when higher) its rank.
    const { member } = app.members;
    const created = await rbac.createRole(owner(), {
      name: 'Shift lead',
      permissions: ['pos.ticket.void'],
      rank: 50,
    });
    await rbac.assign(owner(), member.userId, { roleId: created.body.data.id });
    const lead = await rbac.me(member.token);
    expect(lead.body.data.roles).toEqual(['member', 'Shift lead']);
    expect(lead.body.data.rank).toBe(50);
    expect(lead.body.data.permissions).toEqual([...defaultsOf('member'), 'pos.ticket.void'].sort());
    await rbac.deleteRole(owner(), created.body.data.id);
    expect((await rbac.me(member.token)).body.data.rank).toBe(20);
  });
});
