import { queryRows } from '@tenantry/db';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activeTenant, strongPassword } from './support';
import { addMember, auditActionsAbout, expectRefused, useTenantAdminApp } from './tenant-admin-support';

describe('members: roles, ranks, the last owner and removal', () => {
  const app = useTenantAdminApp();

  const members = (token: string) => app.t.call({ method: 'GET', url: '/v1/tenants/current/members', token });
  const setRole = (token: string, userId: string, role: string) =>
    app.t.call({ method: 'PATCH', url: `/v1/tenants/current/members/${userId}`, token, body: { role } });
  const remove = (token: string, userId: string) =>
    app.t.call({ method: 'DELETE', url: `/v1/tenants/current/members/${userId}`, token });

  it('lists the members with their roles to those who may read them', async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'roster', 'schema');
    const viewer = await addMember(t, mail, tenant, 'viewer');
    const listed = await members(tenant.tokens.accessToken);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([
      expect.objectContaining({
        userId: tenant.userId,
        email: tenant.email,
        role: 'owner',
        mfaEnabled: false,
      }),
      expect.objectContaining({
        userId: viewer.userId,
        email: viewer.email,
        role: 'viewer',
        status: 'active',
      }),
    ]);
    expect((await members(viewer.tokens.accessToken)).status).toBe(403);
  });

  it('lets nobody grant a role above their own or touch a member ranked above them', async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'hierarchy');
    const admin = await addMember(t, mail, tenant, 'admin');
    const manager = await addMember(t, mail, tenant, 'manager');
    const cashier = await addMember(t, mail, tenant, 'cashier');

    const promoteToOwner = await setRole(admin.tokens.accessToken, cashier.userId, 'owner');
    expectRefused(promoteToOwner, 403, 'ROLE_ABOVE_OWN');
    const demoteOwner = await setRole(admin.tokens.accessToken, tenant.userId, 'viewer');
    expectRefused(demoteOwner, 403, 'ROLE_ABOVE_OWN');
    const removeOwner = await remove(admin.tokens.accessToken, tenant.userId);
    expectRefused(removeOwner, 403, 'ROLE_ABOVE_OWN');
    // A manager reads members but does not manage them.
    expect((await setRole(manager.tokens.accessToken, cashier.userId, 'viewer')).status).toBe(403);

    const changed = await setRole(admin.tokens.accessToken, cashier.userId, 'admin');
    expect(changed.status).toBe(200);
    expect(changed.body.data).toEqual({ userId: cashier.userId, role: 'admin' });
    expect(await auditActionsAbout(t, tenant.tenantId, cashier.userId)).toEqual([
      'member.added',
      'member.role_changed',
    ]);

    // Someone of another tenant is not a member here: NOT_FOUND, never AUTHZ.
    const stranger = await activeTenant(t, root, 'stranger');
    expect((await setRole(tenant.tokens.accessToken, stranger.userId, 'viewer')).status).toBe(404);
    expect((await remove(tenant.tokens.accessToken, stranger.userId)).status).toBe(404);
  });

  it('keeps the last owner: no demotion or removal until another owner exists', async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'lastowner');
    const demoted = await setRole(tenant.tokens.accessToken, tenant.userId, 'admin');
    expectRefused(demoted, 409, 'LAST_OWNER');
    const removed = await remove(tenant.tokens.accessToken, tenant.userId);
    expectRefused(removed, 409, 'LAST_OWNER');

    const successor = await addMember(t, mail, tenant, 'admin');
    expect((await setRole(tenant.tokens.accessToken, successor.userId, 'owner')).status).toBe(200);
    // Two owners demoting each other at once: the owner rows are locked, so one of them stays.
    const [first, second] = await Promise.all([
      setRole(tenant.tokens.accessToken, successor.userId, 'admin'),
      setRole(successor.tokens.accessToken, tenant.userId, 'admin'),
    ]);
    // The loser sees LAST_OWNER, or ROLE_ABOVE_OWN if it authenticated after its own demotion.
    const statuses = [first.status, second.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const owners = (await members(tenant.tokens.accessToken)).body.data.filter(
      (member: { role: string }) => member.role === 'owner',
    );
    expect(owners).toHaveLength(1);
  });

  it('applies a role change on the member’s next request, with the same token', async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'promotion');
    const member = await addMember(t, mail, tenant, 'manager');
    const token = member.tokens.accessToken;
    expect((await members(token)).status).toBe(200);

    expect((await setRole(tenant.tokens.accessToken, member.userId, 'viewer')).status).toBe(200);
    expect((await members(token)).status).toBe(403);

    expect((await setRole(tenant.tokens.accessToken, member.userId, 'admin')).status).toBe(200);
    const keys = await t.call({ method: 'GET', url: '/v1/tenants/current/api-keys', token });
    expect(keys.status).toBe(200);
  });

  it('revokes the API keys a removed member created, and keeps the others', async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'keyholder');
    const admin = await addMember(t, mail, tenant, 'admin');
    const createKey = async (token: string, name: string) => {
      const created = await t.call({
        method: 'POST',
        url: '/v1/tenants/current/api-keys',
        token,
        body: { name, permissions: ['identity.tenant.read'] },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body.data.key as string;
    };
    const adminsKey = await createKey(admin.tokens.accessToken, 'by admin');
    const ownersKey = await createKey(tenant.tokens.accessToken, 'by owner');
    const read = (key: string) => t.call({ method: 'GET', url: '/v1/tenants/current', token: key });
    expect((await read(adminsKey)).status).toBe(200);

    expect((await remove(tenant.tokens.accessToken, admin.userId)).status).toBe(200);
    expect((await read(adminsKey)).status).toBe(401);
    expect((await read(ownersKey)).status).toBe(200);
    expect(await auditActionsAbout(t, tenant.tenantId, admin.userId)).toContain('api_key.revoked');
  });

  it('ends a removed member’s session in that tenant at once', async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'removal', 'schema');
    const member = await addMember(t, mail, tenant, 'member');
    const before = await t.call({
      method: 'GET',
      url: '/v1/tenants/current',
      token: member.tokens.accessToken,
    });
    expect(before.status).toBe(200);

    const removed = await remove(tenant.tokens.accessToken, member.userId);
    expect(removed.status).toBe(200);
    const after = await t.call({
      method: 'GET',
      url: '/v1/tenants/current',
      token: member.tokens.accessToken,
    });
    expect(after.status).toBe(401);
    // Ended, not merely orphaned: the session row is revoked, so its refresh token is dead too.
    const sessions = await t.db.router.withPlatform((tx) =>
      queryRows<{ revoked_reason: string | null }>(
        tx,
        sql`select revoked_reason from sessions where user_id = ${member.userId} and tenant_id = ${tenant.tenantId}`,
      ),
    );
    expect(sessions).toEqual([{ revoked_reason: 'membership_removed' }]);
    const refreshed = await t.call({
      method: 'POST',
      url: '/v1/auth/refresh',
      body: { refreshToken: member.tokens.refreshToken },
    });
    expect(refreshed.status).toBe(401);
    const login = await t.call({
      method: 'POST',
      url: '/v1/auth/login',
      body: { email: member.email, password: strongPassword, tenantSlug: tenant.slug },
    });
    expect(login.status).toBe(401);

    const listed = await members(tenant.tokens.accessToken);
    expect(listed.body.data.map((entry: { userId: string }) => entry.userId)).toEqual([tenant.userId]);
    expect(await auditActionsAbout(t, tenant.tenantId, member.userId)).toEqual([
      'member.added',
      'member.removed',
    ]);
    expect((await remove(tenant.tokens.accessToken, member.userId)).status).toBe(404);
  });
});
