import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { expectRefused } from '../identity/tenant-admin-support';
import { rbacClient, tenantRows, useRbacTenant } from './support';

describe('grant limits between RBAC roles and base roles', () => {
  const app = useRbacTenant('limits');
  const rbac = rbacClient(() => app.t);
  const owner = () => app.members.owner.token;
  const member = (path: string, token: string, method: 'PATCH' | 'DELETE', body?: unknown) =>
    app.t.call({ method, url: `/v1/tenants/current/members/${path}`, token, ...(body ? { body } : {}) });

  it('lets nobody hand out, edit or delete a role holding permissions they lack, whatever its rank', async () => {
    const finance = await rbac.createRole(owner(), {
      name: 'Finance',
      permissions: ['billing.subscription.manage'],
    });
    expect(finance.status, JSON.stringify(finance.body)).toBe(201);
    const id = finance.body.data.id as string;
    const admin = app.members.admin.token;
    expectRefused(
      await rbac.assign(admin, app.members.viewer.userId, { roleId: id }),
      403,
      'PERMISSION_NOT_HELD',
    );
    expectRefused(await rbac.updateRole(admin, id, { permissions: [] }), 403, 'PERMISSION_NOT_HELD');
    expectRefused(await rbac.deleteRole(admin, id), 403, 'PERMISSION_NOT_HELD');
    expect((await rbac.assign(owner(), app.members.viewer.userId, { roleId: id })).status).toBe(201);
  });

  it('never lets a custom role’s rank hand out base roles', async () => {
    const hr = await rbac.createRole(app.members.admin.token, {
      name: 'HR',
      permissions: ['identity.member.manage', 'identity.invitation.manage'],
      rank: 80,
    });
    expect(hr.status, JSON.stringify(hr.body)).toBe(201);
    const { cashier } = app.members;
    expect(
      (await rbac.assign(app.members.admin.token, cashier.userId, { roleId: hr.body.data.id })).status,
    ).toBe(201);
    expectRefused(
      await member(cashier.userId, cashier.token, 'PATCH', { role: 'admin' }),
      403,
      'ROLE_ABOVE_OWN',
    );
    const invited = await app.t.call({
      method: 'POST',
      url: '/v1/tenants/current/invitations',
      token: cashier.token,
      body: { email: 'hr-escalation@example.test', role: 'admin' },
    });
    expectRefused(invited, 403, 'ROLE_ABOVE_OWN');
  });

  it('keeps a member raised through RBAC out of reach of those ranked below', async () => {
    const { admin, member: plain } = app.members;
    const ownerRole = await rbac.roleId(owner(), 'owner');
    expect((await rbac.assign(owner(), plain.userId, { roleId: ownerRole })).status).toBe(201);
    expectRefused(await member(plain.userId, admin.token, 'DELETE'), 403, 'ROLE_ABOVE_OWN');
    expectRefused(
      await member(plain.userId, admin.token, 'PATCH', { role: 'viewer' }),
      403,
      'ROLE_ABOVE_OWN',
    );
  });

  it('drops a removed member’s role assignments, so a re-join starts clean', async () => {
    const { viewer } = app.members;
    const count = () =>
      tenantRows<{ n: number }>(
        app.t,
        app.tenantId,
        sql`select count(*)::int as n from role_assignments where user_id = ${viewer.userId}`,
      );
    expect(await count()).toEqual([{ n: 1 }]);
    expect((await member(viewer.userId, owner(), 'DELETE')).status).toBe(200);
    expect(await count()).toEqual([{ n: 0 }]);
  });
});
