import { randomUUID } from 'node:crypto';
import type { Principal } from '@tenantry/core';
import { platformPermissions, tenantDetail, tenantMembersAsSuperadmin } from '@tenantry/identity';
import { describe, expect, it } from 'vitest';
import { activeTenant, signupTenant } from './support';
import { addMember, expectRefused, useTenantAdminApp } from './tenant-admin-support';

describe('superadmin reads of one tenant: its connection mode and its members', () => {
  const app = useTenantAdminApp();
  const get = (url: string, token = app.root) => app.t.call({ method: 'GET', url, token });

  it('shows no connection mode while pending, then the mode chosen at approval', async () => {
    const pending = await signupTenant(app.t, 'storage');
    const before = await get(`/v1/superadmin/tenants/${pending.tenantId}`);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body.data).toMatchObject({ id: pending.tenantId, status: 'pending', connectionMode: null });

    const approved = await app.t.call({
      method: 'POST',
      url: `/v1/superadmin/tenants/${pending.tenantId}/approve`,
      token: app.root,
      body: { mode: 'schema' },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const after = await get(`/v1/superadmin/tenants/${pending.tenantId}`);
    expect(after.body.data).toMatchObject({ status: 'active', connectionMode: 'schema' });

    const shared = await activeTenant(app.t, app.root, 'shared-storage');
    expect((await get(`/v1/superadmin/tenants/${shared.tenantId}`)).body.data.connectionMode).toBe('shared');
  });

  it("lists a tenant's members with e-mail, name, base role and account status", async () => {
    const tenant = await activeTenant(app.t, app.root, 'crew');
    const cashier = await addMember(app.t, app.mail, tenant, 'cashier');
    // Another tenant's member never appears.
    const other = await activeTenant(app.t, app.root, 'elsewhere');

    const listed = await get(`/v1/superadmin/tenants/${tenant.tenantId}/members`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.data).toEqual([
      expect.objectContaining({
        userId: tenant.userId,
        email: tenant.email,
        name: 'crew Owner',
        role: 'owner',
        status: 'active',
      }),
      expect.objectContaining({
        userId: cashier.userId,
        email: cashier.email,
        name: 'A cashier',
        role: 'cashier',
        status: 'active',
      }),
    ]);
    expect(listed.body.data.map((member: { userId: string }) => member.userId)).not.toContain(other.userId);

    // A disabled account shows as such: the status is the account's, from the directory.
    const disabled = await app.t.call({
      method: 'POST',
      url: `/v1/superadmin/users/${cashier.userId}/disable`,
      token: app.root,
      body: { reason: 'left the company' },
    });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    const again = await get(`/v1/superadmin/tenants/${tenant.tenantId}/members`);
    expect(again.body.data[1]).toMatchObject({ userId: cashier.userId, status: 'disabled' });

    // A pending tenant has its owner already.
    const pending = await signupTenant(app.t, 'newcomer');
    const owners = await get(`/v1/superadmin/tenants/${pending.tenantId}/members`);
    expect(owners.body.data).toEqual([expect.objectContaining({ userId: pending.userId, role: 'owner' })]);
  });

  it('answers 404 for an unknown tenant', async () => {
    const unknown = randomUUID();
    expectRefused(await get(`/v1/superadmin/tenants/${unknown}`), 404, 'NOT_FOUND');
    expectRefused(await get(`/v1/superadmin/tenants/${unknown}/members`), 404, 'NOT_FOUND');
  });

  it("refuses a tenant's owner at the route and checks the caller again in the service", async () => {
    const tenant = await activeTenant(app.t, app.root, 'curious');
    expectRefused(await get(`/v1/superadmin/tenants/${tenant.tenantId}`, tenant.tokens.accessToken), 403);
    expectRefused(
      await get(`/v1/superadmin/tenants/${tenant.tenantId}/members`, tenant.tokens.accessToken),
      403,
      'AUTHZ',
    );

    // Zero trust: a tenant principal whose roles somehow named the platform permission is still refused,
    // and so is a platform principal without it.
    const deps = app.t.identity.deps;
    const tenantUser: Principal = {
      kind: 'user',
      id: tenant.userId,
      tenantId: tenant.tenantId,
      roles: ['owner'],
      permissions: [platformPermissions.tenantManage],
    };
    const statsOnly: Principal = {
      kind: 'superadmin',
      id: randomUUID(),
      tenantId: null,
      roles: [],
      permissions: [platformPermissions.statsRead],
    };
    for (const principal of [tenantUser, statsOnly]) {
      await expect(tenantMembersAsSuperadmin(deps, principal, tenant.tenantId)).rejects.toMatchObject({
        kind: 'AUTHZ',
      });
      await expect(tenantDetail(deps, principal, tenant.tenantId)).rejects.toMatchObject({ kind: 'AUTHZ' });
    }
  });
});
