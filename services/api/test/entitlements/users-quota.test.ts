import { describe, expect, it } from 'vitest';
import { activeTenant, strongPassword, uniqueName } from '../identity/support';
import {
  acceptInvitation,
  addMember,
  expectRefused,
  invite,
  type SignedInTenant,
} from '../identity/tenant-admin-support';
import { assignPlan, softWarnings, useEntitlementsApp } from './support';

/** The default plan (free): users soft 4, hard 5; the owner is the first member. */
describe('users quota through invitations', () => {
  const app = useEntitlementsApp();

  const inviteMember = async (tenant: SignedInTenant) => {
    const { email } = uniqueName('seat');
    const invited = await invite(app.t, tenant.tokens.accessToken, { email, role: 'member' });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    return { email, token: await app.mail.tokenFor(email) };
  };
  const accept = (token: string) =>
    acceptInvitation(app.t, { token, name: 'A seat', password: strongPassword });
  const usersUsed = async (tenant: SignedInTenant) => {
    const response = await app.t.call({
      method: 'GET',
      url: '/v1/tenants/current/entitlements',
      token: tenant.tokens.accessToken,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.data.quotas.find((quota: { quota: string }) => quota.quota === 'users').used;
  };

  it('adds members up to the hard limit, warns once past the soft limit and refuses the next invitation', async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'seats');
    await addMember(t, mail, tenant, 'member');
    await addMember(t, mail, tenant, 'member');
    await addMember(t, mail, tenant, 'member');
    // At the soft limit (4): allowed, no warning yet.
    expect(await usersUsed(tenant)).toBe(4);
    expect(await softWarnings(t, tenant.tenantId)).toEqual([]);

    // The fifth member passes the soft limit and reaches the hard one: allowed, warned once.
    await addMember(t, mail, tenant, 'member');
    expect(await usersUsed(tenant)).toBe(5);
    const warnings = await softWarnings(t, tenant.tenantId);
    expect(warnings.map((row) => row.data)).toEqual([
      expect.objectContaining({
        tenantId: tenant.tenantId,
        quota: 'users',
        used: 5,
        soft: 4,
        hard: 5,
        period: '',
      }),
    ]);

    // A sixth would pass the hard limit: the invitation is refused with the numbers.
    const refused = await invite(t, tenant.tokens.accessToken, {
      email: uniqueName('sixth').email,
      role: 'member',
    });
    expectRefused(refused, 403, 'QUOTA_EXCEEDED');
    expect(refused.body.error.details).toEqual({ quota: 'users', limit: 5, used: 5 });
    expect(await usersUsed(tenant)).toBe(5);
    expect(await softWarnings(t, tenant.tenantId)).toHaveLength(1);
  });

  it('refuses an acceptance past the hard limit, creating no account, even if the invitation was sent with room', async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'late-seat');
    for (let index = 0; index < 3; index++) await addMember(t, mail, tenant, 'member');
    const first = await inviteMember(tenant);
    const second = await inviteMember(tenant);

    expect((await accept(first.token)).status).toBe(200);
    const refused = await accept(second.token);
    expectRefused(refused, 403, 'QUOTA_EXCEEDED');
    expect(refused.body.error.details).toEqual({ quota: 'users', limit: 5, used: 5 });
    expect(await usersUsed(tenant)).toBe(5);
    // No account was created for the refused acceptance: signing in fails.
    const login = await t.call({
      method: 'POST',
      url: '/v1/auth/login',
      body: { email: second.email, password: strongPassword, tenantSlug: tenant.slug },
    });
    expect(login.status).toBe(401);
    expect(await softWarnings(t, tenant.tenantId)).toHaveLength(1);
  });

  it('lets only as many concurrent acceptances through as there is room for', async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'rush');
    await addMember(t, mail, tenant, 'member');
    await addMember(t, mail, tenant, 'member');
    const invitations = [];
    for (let index = 0; index < 4; index++) invitations.push(await inviteMember(tenant));

    const results = await Promise.all(invitations.map((invitation) => accept(invitation.token)));
    expect(results.map((result) => result.status).sort()).toEqual([200, 200, 403, 403]);
    expect(await usersUsed(tenant)).toBe(5);
    expect(await softWarnings(t, tenant.tenantId)).toHaveLength(1);
  });

  it('warns again after members drop back to the soft limit and cross it once more', async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'rearm');
    const members = [];
    for (let index = 0; index < 4; index++) members.push(await addMember(t, mail, tenant, 'member'));
    expect(await softWarnings(t, tenant.tenantId)).toHaveLength(1);

    const removed = await t.call({
      method: 'DELETE',
      url: `/v1/tenants/current/members/${members[0]?.userId}`,
      token: tenant.tokens.accessToken,
    });
    expect(removed.status).toBe(200);
    expect(await usersUsed(tenant)).toBe(4);
    // Back at the soft limit, the next member crosses it again: a second warning.
    await addMember(t, mail, tenant, 'member');
    expect(await usersUsed(tenant)).toBe(5);
    expect((await softWarnings(t, tenant.tenantId)).map((row) => row.data.used)).toEqual([5, 5]);
  });

  it('applies a new plan at once', async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'upgrade');
    for (let index = 0; index < 4; index++) await addMember(t, mail, tenant, 'member');
    const { email } = uniqueName('sixth');
    expectRefused(
      await invite(t, tenant.tokens.accessToken, { email, role: 'member' }),
      403,
      'QUOTA_EXCEEDED',
    );

    expect((await assignPlan(t, root, tenant.tenantId, 'pro')).status).toBe(200);
    await addMember(t, mail, tenant, 'member');
    expect(await usersUsed(tenant)).toBe(6);

    // Back on the free plan, the tenant keeps its members but cannot add any.
    expect((await assignPlan(t, root, tenant.tenantId, 'free')).status).toBe(200);
    const refused = await invite(t, tenant.tokens.accessToken, {
      email: uniqueName('seventh').email,
      role: 'member',
    });
    expectRefused(refused, 403, 'QUOTA_EXCEEDED');
    expect(refused.body.error.details).toEqual({ quota: 'users', limit: 5, used: 6 });
  });
});
