import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectRefused } from '../identity/tenant-admin-support';
import { builtInRoleKeys, catalogue, defaultHoldersOf, rbacClient, useRbacTenant } from './support';

interface Matrix {
  roles: { id: string; key: string | null; name: string; members: number }[];
  permissions: { key: string; module: string; users: number; byRole: Record<string, number> }[];
}

describe('permission matrix: who holds which permission, per role', () => {
  const app = useRbacTenant('matrix');
  const rbac = rbacClient(() => app.t);
  const owner = () => app.members.owner.token;

  const read = async (): Promise<
    Matrix & { row(key: string): Matrix['permissions'][number]; roleId(name: string): string }
  > => {
    const response = await rbac.matrix(owner());
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const matrix = response.body.data as Matrix;
    return {
      ...matrix,
      row: (key) => {
        const found = matrix.permissions.find((entry) => entry.key === key);
        if (!found) throw new Error(`no row ${key}`);
        return found;
      },
      roleId: (name) => {
        const found = matrix.roles.find((role) => role.key === name || role.name === name);
        if (!found) throw new Error(`no role ${name}`);
        return found.id;
      },
    };
  };

  it('counts one member per built-in role from the catalogue’s defaults', async () => {
    const matrix = await read();
    expect(matrix.roles.map((role) => [role.key, role.members])).toEqual(
      builtInRoleKeys.map((key) => [key, 1]),
    );
    const permissions = catalogue.modules.flatMap((module) => module.permissions);
    expect(matrix.permissions.map((entry) => entry.key).sort()).toEqual(
      permissions.map((entry) => entry.key).sort(),
    );
    for (const permission of permissions) {
      const row = matrix.row(permission.key);
      expect(row.users, permission.key).toBe(defaultHoldersOf(permission.key).length);
      for (const key of builtInRoleKeys) {
        expect(row.byRole[matrix.roleId(key)], `${permission.key} ${key}`).toBe(
          permission.roles.includes(key) ? 1 : 0,
        );
      }
    }
  });

  it('adds custom roles and assignments, tenant-wide or at a location, counting each member once', async () => {
    const { viewer, member, cashier, manager } = app.members;
    const auditor = await rbac.createRole(owner(), { name: 'Auditor', permissions: ['identity.audit.read'] });
    expect(auditor.status).toBe(201);
    await rbac.assign(owner(), viewer.userId, { roleId: auditor.body.data.id });
    await rbac.assign(owner(), cashier.userId, { roleId: auditor.body.data.id, locationId: randomUUID() });
    // The manager already reads the audit trail: the auditor role adds them to its column, not to the total twice.
    await rbac.assign(owner(), manager.userId, { roleId: auditor.body.data.id });
    await rbac.assign(owner(), member.userId, { roleId: await rbac.roleId(owner(), 'admin') });

    const matrix = await read();
    const auditorId = matrix.roleId('Auditor');
    const adminId = matrix.roleId('admin');
    expect(matrix.roles.find((role) => role.id === auditorId)?.members).toBe(3);
    expect(matrix.roles.find((role) => role.id === adminId)?.members).toBe(2);

    const audit = matrix.row('identity.audit.read');
    // owner, admin, manager by default; the member as an admin; the viewer and the cashier as auditors.
    expect(audit.users).toBe(6);
    expect(audit.byRole[auditorId]).toBe(3);
    expect(audit.byRole[adminId]).toBe(2);
    expect(matrix.row('rbac.role.manage').users).toBe(3);
    expect(matrix.row('rbac.role.manage').byRole[auditorId]).toBe(0);
    expect(matrix.row('billing.subscription.manage').users).toBe(1);
  });

  it('forgets members who left the tenant', async () => {
    const { member } = app.members;
    const removed = await app.t.call({
      method: 'DELETE',
      url: `/v1/tenants/current/members/${member.userId}`,
      token: owner(),
    });
    expect(removed.status).toBe(200);
    const matrix = await read();
    expect(matrix.roles.find((role) => role.key === 'admin')?.members).toBe(1);
    expect(matrix.roles.find((role) => role.key === 'member')?.members).toBe(0);
    expect(matrix.row('rbac.role.manage').users).toBe(2);
    expect(matrix.row('identity.tenant.read').users).toBe(5);
  });

  it('is for those who may read it', async () => {
    expectRefused(await rbac.matrix(app.members.manager.token), 403, 'AUTHZ');
    expect((await rbac.matrix(app.members.admin.token)).status).toBe(200);
  });
});
