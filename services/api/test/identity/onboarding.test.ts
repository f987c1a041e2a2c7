import { queryRows } from '@tenantry/db';
import { ensureBootstrapSuperadmin } from '@tenantry/identity';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IdentityMail, startIdentityMail, tokenIn } from './mail-support';
import {
  activeTenant,
  createIdentityTestApp,
  createSuperadmin,
  type IdentityTestApp,
  loginAs,
  signupTenant,
  strongPassword,
} from './support';

describe('onboarding: e-mails, bootstrap superadmin, account disable', () => {
  let t: IdentityTestApp;
  let mail: IdentityMail;
  let root: string;

  beforeAll(async () => {
    t = await createIdentityTestApp();
    mail = await startIdentityMail(t);
    root = (await createSuperadmin(t)).accessToken;
  });
  afterAll(async () => {
    await t?.close();
    await mail?.close();
  });

  it('emits identity.tenant.registered, mails a verification link that works once, and a welcome at approval', async () => {
    const tenant = await signupTenant(t, 'welcome');
    const events = await t.db.router.withPlatform((tx) =>
      queryRows<{ type: string }>(
        tx,
        sql`select type from event_outbox where entity_id = ${tenant.tenantId}`,
      ),
    );
    expect(events).toEqual([{ type: 'identity.tenant.registered' }]);

    const token = tokenIn(await mail.newest(tenant.email, 'Confirm your e-mail address'));
    const session = await loginAs(t, tenant.email);
    const before = await t.call({ method: 'GET', url: '/v1/auth/me', token: session.accessToken });
    expect(before.body.data.emailVerified).toBe(false);
    expect((await t.call({ method: 'POST', url: '/v1/auth/verify-email', body: { token } })).status).toBe(
      200,
    );
    expect((await t.call({ method: 'POST', url: '/v1/auth/verify-email', body: { token } })).status).toBe(
      401,
    );
    const after = await t.call({ method: 'GET', url: '/v1/auth/me', token: session.accessToken });
    expect(after.body.data.emailVerified).toBe(true);

    expect(mail.messagesTo(tenant.email, 'Welcome')).toEqual([]);
    const approved = await t.call({
      method: 'POST',
      url: `/v1/superadmin/tenants/${tenant.tenantId}/approve`,
      token: root,
      body: {},
    });
    expect(approved.status).toBe(200);
    const welcome = await mail.newest(tenant.email, 'Welcome');
    expect(welcome.text).toContain(tenant.slug);
  });

  it('disables an account at once (sessions end, login refused) and enables it again', async () => {
    const tenant = await activeTenant(t, root, 'disable');
    const disabled = await t.call({
      method: 'POST',
      url: `/v1/superadmin/users/${tenant.userId}/disable`,
      token: root,
      body: { reason: 'left the company' },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.data).toMatchObject({ id: tenant.userId, status: 'disabled' });
    expect(
      (await t.call({ method: 'GET', url: '/v1/tenants/current', token: tenant.tokens.accessToken })).status,
    ).toBe(401);
    const refused = await t.call({
      method: 'POST',
      url: '/v1/auth/login',
      body: { email: tenant.email, password: strongPassword },
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('INVALID_CREDENTIALS');
    const byTenantUser = await t.call({
      method: 'POST',
      url: `/v1/superadmin/users/${tenant.userId}/enable`,
      token: tenant.tokens.accessToken,
    });
    expect(byTenantUser.status).toBe(401);

    const enabled = await t.call({
      method: 'POST',
      url: `/v1/superadmin/users/${tenant.userId}/enable`,
      token: root,
    });
    expect(enabled.body.data.status).toBe('active');
    await loginAs(t, tenant.email);
  });

  it('creates the first superadmin from the environment once, and closes the setup route', async () => {
    const fresh = await createIdentityTestApp({
      config: { bootstrapSuperadmin: { email: 'ops@platform.test', password: strongPassword, name: 'Ops' } },
    });
    try {
      expect(await ensureBootstrapSuperadmin(fresh.identity.deps)).toBe('created');
      expect(await ensureBootstrapSuperadmin(fresh.identity.deps)).toBe('exists');
      const tokens = await loginAs(fresh, 'ops@platform.test');
      expect(
        (await fresh.call({ method: 'GET', url: '/v1/superadmin/tenants', token: tokens.accessToken }))
          .status,
      ).toBe(200);
      const setup = await fresh.call({
        method: 'POST',
        url: '/v1/superadmin/setup',
        body: { email: 'late@platform.test', password: strongPassword, name: 'Late' },
      });
      expect(setup.status).toBe(409);
    } finally {
      await fresh.close();
    }
  });
});
