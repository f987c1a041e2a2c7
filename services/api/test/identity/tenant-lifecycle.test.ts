import { queryRows } from '@tenantry/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeTenant,
  createIdentityTestApp,
  createSuperadmin,
  type IdentityTestApp,
  loginAs,
  signupTenant,
  strongPassword,
  uniqueName,
} from './support';

describe('tenant registry: sign-up, approval, suspension', () => {
  let t: IdentityTestApp;
  let root: string;

  beforeAll(async () => {
    t = await createIdentityTestApp();
    root = (await createSuperadmin(t)).accessToken;
  });
  afterAll(() => t?.close());

  it('opens the setup route only while no superadmin exists', async () => {
    const again = await t.call({
      method: 'POST',
      url: '/v1/superadmin/setup',
      body: { email: 'second@platform.test', password: strongPassword, name: 'Second' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_SET_UP');
  });

  it('takes a tenant from sign-up through approval to a working login', async () => {
    const tenant = await signupTenant(t, 'acme');
    const pending = await t.call({
      method: 'GET',
      url: `/v1/superadmin/tenants/${tenant.tenantId}`,
      token: root,
    });
    expect(pending.body.data.status).toBe('pending');

    // A pending tenant's owner signs in, but reaches only account routes.
    const early = await loginAs(t, tenant.email);
    const blocked = await t.call({ method: 'GET', url: '/v1/tenants/current', token: early.accessToken });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('TENANT_PENDING');
    const sessions = await t.call({ method: 'GET', url: '/v1/auth/sessions', token: early.accessToken });
    expect(sessions.status).toBe(200);

    const approved = await t.call({
      method: 'POST',
      url: `/v1/superadmin/tenants/${tenant.tenantId}/approve`,
      token: root,
      body: { mode: 'schema' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.data.status).toBe('active');
    const twice = await t.call({
      method: 'POST',
      url: `/v1/superadmin/tenants/${tenant.tenantId}/approve`,
      token: root,
      body: {},
    });
    expect(twice.status).toBe(409);

    // The same token works now: status is read per request, not baked into the token.
    const current = await t.call({ method: 'GET', url: '/v1/tenants/current', token: early.accessToken });
    expect(current.status).toBe(200);
    expect(current.body.data).toMatchObject({ id: tenant.tenantId, slug: tenant.slug, status: 'active' });
    const profile = await t.db.router.withPlatform((tx) =>
      queryRows<{ mode: string }>(
        tx,
        sql`select mode from tenant_connection_profiles where tenant_id = ${tenant.tenantId}`,
      ),
    );
    expect(profile).toEqual([{ mode: 'schema' }]);
  });

  it('refuses a second sign-up with a taken slug or e-mail as CONFLICT', async () => {
    const first = await signupTenant(t, 'dup');
    const other = uniqueName('other');
    const sameSlug = await t.call({
      method: 'POST',
      url: '/v1/auth/signup',
      body: {
        tenantName: 'X Corp',
        tenantSlug: first.slug,
        email: other.email,
        password: strongPassword,
        name: 'X',
      },
    });
    expect(sameSlug.status).toBe(409);
    const sameEmail = await t.call({
      method: 'POST',
      url: '/v1/auth/signup',
      body: {
        tenantName: 'Y Corp',
        tenantSlug: other.slug,
        email: first.email.toUpperCase(),
        password: strongPassword,
        name: 'Y',
      },
    });
    expect(sameEmail.status).toBe(409);
  });

  it('refuses short and commonly breached passwords at sign-up', async () => {
    const { slug, email } = uniqueName('weak');
    for (const password of ['short', 'password123', 'qwertyuiop']) {
      const response = await t.call({
        method: 'POST',
        url: '/v1/auth/signup',
        body: { tenantName: 'Weak', tenantSlug: slug, email, password, name: 'W' },
      });
      expect(response.status, password).toBe(422);
      expect(response.body.error.code).toBe('WEAK_PASSWORD');
    }
    const long = 'a long passphrase that keeps going '.repeat(5).slice(0, 160);
    const accepted = await t.call({
      method: 'POST',
      url: '/v1/auth/signup',
      body: { tenantName: 'Long', tenantSlug: slug, email, password: long, name: 'L' },
    });
    expect(accepted.status).toBe(201);
    await loginAs(t, email, undefined, long);
  });

  it('lists tenants by status and text with cursor pages', async () => {
    const names = [
      await signupTenant(t, 'zeta'),
      await signupTenant(t, 'zeta'),
      await signupTenant(t, 'zeta'),
    ];
    const first = await t.call({ method: 'GET', url: '/v1/superadmin/tenants?q=zeta&limit=2', token: root });
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(2);
    const cursor = first.body.pagination.next_cursor;
    expect(cursor).toBeTruthy();
    const second = await t.call({
      method: 'GET',
      url: `/v1/superadmin/tenants?q=zeta&limit=2&cursor=${cursor}`,
      token: root,
    });
    expect(second.body.data).toHaveLength(1);
    expect(second.body.pagination.next_cursor).toBeNull();
    const seen = [...first.body.data, ...second.body.data].map((tenant: { id: string }) => tenant.id).sort();
    expect(seen).toEqual(names.map((tenant) => tenant.tenantId).sort());
    const active = await t.call({
      method: 'GET',
      url: '/v1/superadmin/tenants?status=active&q=zeta',
      token: root,
    });
    expect(active.body.data).toHaveLength(0);
  });

  it('keeps tenant users out of superadmin routes', async () => {
    const tenant = await activeTenant(t, root, 'nosy');
    const response = await t.call({
      method: 'GET',
      url: '/v1/superadmin/tenants',
      token: tenant.tokens.accessToken,
    });
    expect(response.status).toBe(403);
  });

  it('blocks a suspended tenant’s live session on its next request and keeps its data', async () => {
    const tenant = await activeTenant(t, root, 'suspend');
    const before = await t.call({
      method: 'GET',
      url: '/v1/tenants/current',
      token: tenant.tokens.accessToken,
    });
    expect(before.status).toBe(200);

    const suspended = await t.call({
      method: 'POST',
      url: `/v1/superadmin/tenants/${tenant.tenantId}/suspend`,
      token: root,
      body: { reason: 'unpaid invoices' },
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body.data).toMatchObject({ status: 'suspended', suspendedReason: 'unpaid invoices' });

    for (const url of ['/v1/tenants/current', '/v1/auth/sessions']) {
      const after = await t.call({ method: 'GET', url, token: tenant.tokens.accessToken });
      expect(after.status, url).toBe(403);
      expect(after.body.error.code).toBe('TENANT_SUSPENDED');
    }
    const refreshed = await t.call({
      method: 'POST',
      url: '/v1/auth/refresh',
      body: { refreshToken: tenant.tokens.refreshToken },
    });
    expect(refreshed.status).toBe(401);
    const relogin = await t.call({
      method: 'POST',
      url: '/v1/auth/login',
      body: { email: tenant.email, password: strongPassword },
    });
    expect(relogin.status).toBe(403);
    expect(relogin.body.error.code).toBe('TENANT_SUSPENDED');

    const reactivated = await t.call({
      method: 'POST',
      url: `/v1/superadmin/tenants/${tenant.tenantId}/reactivate`,
      token: root,
    });
    expect(reactivated.body.data.status).toBe('active');
    const back = await loginAs(t, tenant.email);
    const current = await t.call({ method: 'GET', url: '/v1/tenants/current', token: back.accessToken });
    expect(current.body.data).toMatchObject({ id: tenant.tenantId, slug: tenant.slug });
  });
});
