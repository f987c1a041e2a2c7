import { sessions, tenants } from '@tenantry/identity';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeTenant,
  createIdentityTestApp,
  createSuperadmin,
  type IdentityTestApp,
  loginAs,
  signupTenant,
} from './support';

const dayMs = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);

describe('superadmin statistics', () => {
  let t: IdentityTestApp;
  let root: string;

  const stats = async (path: string) => {
    const response = await t.call({ method: 'GET', url: `/v1/superadmin/stats/${path}`, token: root });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.data;
  };

  beforeAll(async () => {
    t = await createIdentityTestApp();
    root = (await createSuperadmin(t)).accessToken;
  });
  afterAll(() => t?.close());

  it('counts distinct users seen in the last day, week and month', async () => {
    expect(await stats('users')).toEqual({ daily: 1, weekly: 1, monthly: 1 });

    const owner = await signupTenant(t, 'seen');
    await loginAs(t, owner.email);
    const tokens = await loginAs(t, owner.email);
    expect(await stats('users')).toEqual({ daily: 2, weekly: 2, monthly: 2 });

    // A user last seen three days ago still counts for the week, not for the day.
    await t.db.router.withPlatform((tx) =>
      tx
        .update(sessions)
        .set({ lastSeenAt: new Date(Date.now() - 3 * dayMs) })
        .where(eq(sessions.userId, owner.userId)),
    );
    expect(await stats('users')).toEqual({ daily: 1, weekly: 2, monthly: 2 });
    // A refresh is a sighting too.
    const refreshed = await t.call({
      method: 'POST',
      url: '/v1/auth/refresh',
      body: { refreshToken: tokens.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(await stats('users')).toEqual({ daily: 2, weekly: 2, monthly: 2 });
  });

  it('counts failed logins per day, every day of the window present', async () => {
    const before = await stats('logins?days=7');
    expect(before).toHaveLength(7);
    expect(before.at(-1).day).toBe(today());
    const days = before.map((entry: { day: string }) => new Date(entry.day).getTime());
    expect(days.slice(1).map((day: number, index: number) => day - (days[index] ?? 0))).toEqual(
      Array(6).fill(dayMs),
    );

    for (const email of ['nobody@example.test', 'root@platform.test']) {
      const failed = await t.call({
        method: 'POST',
        url: '/v1/auth/login',
        ip: '198.51.100.9',
        body: { email, password: 'wrong wrong wrong' },
      });
      expect(failed.status).toBe(401);
    }
    const after = await stats('logins?days=7');
    expect(after.at(-1)).toEqual({ day: today(), failed: before.at(-1).failed + 2 });
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
    expect(await stats('logins')).toHaveLength(30);
    const refused = await t.call({ method: 'GET', url: '/v1/superadmin/stats/logins?days=0', token: root });
    expect(refused.status).toBe(400);
  });

  it('reports tenants by status and their growth with a running total', async () => {
    const old = await signupTenant(t, 'old');
    await t.db.router.withPlatform((tx) =>
      tx
        .update(tenants)
        .set({ createdAt: new Date(Date.now() - 40 * dayMs) })
        .where(eq(tenants.id, old.tenantId)),
    );
    await activeTenant(t, root, 'live');
    const gone = await activeTenant(t, root, 'gone');
    const suspended = await t.call({
      method: 'POST',
      url: `/v1/superadmin/tenants/${gone.tenantId}/suspend`,
      token: root,
      body: { reason: 'closed account' },
    });
    expect(suspended.status).toBe(200);

    // 'seen' (previous test) and 'old' are pending.
    const report = await stats('tenants?days=30');
    expect(report.byStatus).toEqual({ pending: 2, active: 1, suspended: 1 });
    expect(report.growth).toHaveLength(30);
    expect(report.growth[0]).toMatchObject({ created: 0, total: 1 });
    expect(report.growth.at(-1)).toEqual({ day: today(), created: 3, total: 4 });
  });

  it('is for superadmins only', async () => {
    const tenant = await activeTenant(t, root, 'curious');
    for (const path of ['users', 'logins', 'tenants']) {
      const response = await t.call({
        method: 'GET',
        url: `/v1/superadmin/stats/${path}`,
        token: tenant.tokens.accessToken,
      });
      expect(response.status, path).toBe(403);
    }
  });
});
