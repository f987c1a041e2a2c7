import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectRefused } from '../identity/tenant-admin-support';
import { rbacClient, useRbacTenant } from './support';

describe('privilege escalation: refused however it is tried', () => {
  const app = useRbacTenant('escalation');
  const rbac = rbacClient(() => app.t);
  const owner = () => app.members.owner.token;
  const setBaseRole = (token: string, userId: string, body: unknown) =>
    app.t.call({ method: 'PATCH', url: `/v1/tenants/current/members/${userId}`, token, body });

  it('grants no role ranked above the granter’s own', async () => {
    const { admin, member } = app.members;
    const ownerRole = await rbac.roleId(owner(), 'owner');
    expectRefused(
      await rbac.assign(admin.token, member.userId, { roleId: ownerRole }),
      403,
      'ROLE_ABOVE_OWN',
    );
    expectRefused(
      await rbac.createRole(admin.token, { name: 'Almost owner', permissions: [], rank: 90 }),
      403,
      'ROLE_ABOVE_OWN',
    );
    // A role ranked above the admin, made by the owner, is out of the admin's reach too.
    const high = await rbac.createRole(owner(), {
      name: 'Deputy',
      permissions: ['rbac.role.read'],
      rank: 90,
    });
    expect(high.status).toBe(201);
    const highId = high.body.data.id as string;
    expectRefused(await rbac.assign(admin.token, member.userId, { roleId: highId }), 403, 'ROLE_ABOVE_OWN');
    expectRefused(await rbac.updateRole(admin.token, highId, { name: 'Mine now' }), 403, 'ROLE_ABOVE_OWN');
    expectRefused(await rbac.deleteRole(admin.token, highId), 403, 'ROLE_ABOVE_OWN');
    // Nor may the admin lift a role of their own making above their rank.
    const mine = await rbac.createRole(admin.token, {
      name: 'Helper',
      permissions: ['rbac.role.read'],
      rank: 80,
    });
    expect(mine.status).toBe(201);
    expectRefused(await rbac.updateRole(admin.token, mine.body.data.id, { rank: 81 }), 403, 'ROLE_ABOVE_OWN');
    // Equal is allowed: the admin may give the admin role.
    expect(
      (await rbac.assign(admin.token, member.userId, { roleId: await rbac.roleId(owner(), 'admin') })).status,
    ).toBe(201);
  });

  it('touches no member ranked above the caller', async () => {
    const { admin, owner: ownerMember } = app.members;
    const viewerRole = await rbac.roleId(owner(), 'viewer');
    expectRefused(
      await rbac.assign(admin.token, ownerMember.userId, { roleId: viewerRole }),
      403,
      'ROLE_ABOVE_OWN',
    );
    const given = await rbac.assign(owner(), app.members.cashier.userId, {
      roleId: await rbac.roleId(owner(), 'owner'),
    });
    expect(given.status).toBe(201);
    // The cashier now ranks as an owner through the assignment: the admin cannot touch them.
    expectRefused(
      await rbac.unassign(admin.token, app.members.cashier.userId, given.body.data.id),
      403,
      'ROLE_ABOVE_OWN',
    );
    expect((await rbac.unassign(owner(), app.members.cashier.userId, given.body.data.id)).status).toBe(200);
  });

  it('lets nobody change their own role or assignments', async () => {
    const { admin } = app.members;
    const viewerRole = await rbac.roleId(owner(), 'viewer');
    expectRefused(
      await rbac.assign(admin.token, admin.userId, { roleId: viewerRole }),
      403,
      'OWN_ASSIGNMENT',
    );
    expectRefused(
      await rbac.assign(owner(), app.members.owner.userId, { roleId: viewerRole }),
      403,
      'OWN_ASSIGNMENT',
    );
    const given = await rbac.assign(owner(), admin.userId, { roleId: viewerRole });
    expect(given.status).toBe(201);
    expectRefused(await rbac.unassign(admin.token, admin.userId, given.body.data.id), 403, 'OWN_ASSIGNMENT');
    // The base role (identity's members API) keeps its rank rule.
    expectRefused(await setBaseRole(admin.token, admin.userId, { role: 'owner' }), 403, 'ROLE_ABOVE_OWN');
  });

  it('puts no permission the creator lacks into a role', async () => {
    const { admin } = app.members;
    // billing.subscription.manage belongs to owners only.
    const beyond = await rbac.createRole(admin.token, {
      name: 'Billing',
      permissions: ['billing.invoice.read', 'billing.subscription.manage'],
    });
    expectRefused(beyond, 403, 'PERMISSION_NOT_HELD');
    expect(beyond.body.error.details).toEqual({ permissions: ['billing.subscription.manage'] });
    // Nor a platform permission, nor one no enabled module defines.
    expectRefused(
      await rbac.createRole(owner(), { name: 'Operator', permissions: ['platform.tenant.manage'] }),
      422,
      'UNKNOWN_PERMISSION',
    );
    expectRefused(
      await rbac.createRole(owner(), { name: 'Flyer', permissions: ['pos.ticket.fly'] }),
      422,
      'UNKNOWN_PERMISSION',
    );
    // Editing is held to the same rule.
    const reader = await rbac.createRole(admin.token, {
      name: 'Invoice reader',
      permissions: ['billing.invoice.read'],
    });
    expect(reader.status).toBe(201);
    expectRefused(
      await rbac.updateRole(admin.token, reader.body.data.id, {
        permissions: ['billing.invoice.read', 'billing.subscription.manage'],
      }),
      403,
      'PERMISSION_NOT_HELD',
    );
  });

  it('keeps the last owner (identity’s rule), whatever roles RBAC assigns', async () => {
    const ownerMember = app.members.owner;
    // An assigned owner role does not make a second owner of the tenant.
    const { manager } = app.members;
    const given = await rbac.assign(owner(), manager.userId, { roleId: await rbac.roleId(owner(), 'owner') });
    expect(given.status).toBe(201);
    expectRefused(await setBaseRole(owner(), ownerMember.userId, { role: 'admin' }), 409, 'LAST_OWNER');
    const removed = await app.t.call({
      method: 'DELETE',
      url: `/v1/tenants/current/members/${ownerMember.userId}`,
      token: owner(),
    });
    expectRefused(removed, 409, 'LAST_OWNER');
    await rbac.unassign(owner(), manager.userId, given.body.data.id);
  });

  it('refuses bodies that name the tenant, roles or rank (mass assignment)', async () => {
    const { member } = app.members;
    const viewerRole = await rbac.roleId(owner(), 'viewer');
    const custom = await rbac.createRole(owner(), { name: 'Plain', permissions: [] });
    const attempts = [
      rbac.createRole(owner(), { name: 'A', permissions: [], tenantId: randomUUID() }),
      rbac.createRole(owner(), { name: 'B', permissions: [], builtIn: true }),
      rbac.createRole(owner(), { name: 'C', permissions: [], key: 'owner' }),
      rbac.updateRole(owner(), custom.body.data.id, { tenantId: randomUUID() }),
      rbac.updateRole(owner(), custom.body.data.id, { builtIn: true }),
      rbac.assign(owner(), member.userId, { roleId: viewerRole, rank: 100 }),
      rbac.assign(owner(), member.userId, { roleId: viewerRole, roles: ['owner'] }),
      rbac.assign(owner(), member.userId, { roleId: viewerRole, userId: app.members.owner.userId }),
      rbac.assign(owner(), member.userId, { roleId: viewerRole, tenantId: randomUUID() }),
      setBaseRole(owner(), member.userId, { role: 'viewer', roles: ['owner'] }),
      setBaseRole(owner(), member.userId, { role: 'viewer', rank: 100 }),
      app.t.call({
        method: 'POST',
        url: '/v1/tenants/current/invitations',
        token: owner(),
        body: { email: 'mass@example.test', role: 'viewer', tenantId: randomUUID() },
      }),
    ];
    for (const response of await Promise.all(attempts)) expectRefused(response, 400, 'VALIDATION');
    expect((await rbac.userRoles(owner(), member.userId)).body.data.assignments).toEqual([
      expect.objectContaining({ roleKey: 'admin' }),
    ]);
  });

  it('lets no API key manage roles or assignments, whatever permissions it holds', async () => {
    const created = await app.t.call({
      method: 'POST',
      url: '/v1/tenants/current/api-keys',
      token: owner(),
      body: {
        name: 'automation',
        permissions: ['rbac.role.manage', 'rbac.assignment.manage', 'rbac.role.read'],
      },
    });
    expect(created.status).toBe(201);
    const key = created.body.data.key as string;
    expect((await rbac.roles(key)).status).toBe(200);
    expectRefused(await rbac.createRole(key, { name: 'Robot', permissions: [] }), 403, 'MEMBERS_ONLY');
    const viewerRole = await rbac.roleId(owner(), 'viewer');
    expectRefused(
      await rbac.assign(key, app.members.member.userId, { roleId: viewerRole }),
      403,
      'MEMBERS_ONLY',
    );
    const me = await rbac.me(key);
    expect(me.body.data).toEqual(expect.objectContaining({ kind: 'api_key', roles: [], rank: 0 }));
    expect(me.body.data.permissions).toEqual([
      'rbac.assignment.manage',
      'rbac.role.manage',
      'rbac.role.read',
    ]);
  });

  it('holds a custom manager role to the rank of its holder', async () => {
    const { manager, cashier, viewer, admin } = app.members;
    const lead = await rbac.createRole(owner(), {
      name: 'Team lead',
      permissions: ['rbac.assignment.manage', 'rbac.role.read'],
      rank: 60,
    });
    expect((await rbac.assign(owner(), manager.userId, { roleId: lead.body.data.id })).status).toBe(201);
    // The manager (rank 60) now assigns roles, but none above 60 and to nobody above 60.
    expectRefused(
      await rbac.assign(manager.token, cashier.userId, { roleId: await rbac.roleId(owner(), 'admin') }),
      403,
      'ROLE_ABOVE_OWN',
    );
    expectRefused(
      await rbac.assign(manager.token, admin.userId, { roleId: await rbac.roleId(owner(), 'viewer') }),
      403,
      'ROLE_ABOVE_OWN',
    );
    const allowed = await rbac.assign(manager.token, viewer.userId, {
      roleId: await rbac.roleId(owner(), 'cashier'),
    });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(201);
  });
});
