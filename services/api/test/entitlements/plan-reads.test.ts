import { randomUUID } from 'node:crypto';
import type { Principal } from '@tenantry/core';
import {
  platformModuleManage,
  platformStatsRead,
  tenantPlan,
  tenantsByPlan,
} from '@tenantry/module-registry';
import { describe, expect, it } from 'vitest';
import { activeTenant, signupTenant } from '../identity/support';
import { expectRefused } from '../identity/tenant-admin-support';
import { assignPlan, limitsOf, savePlan, useEntitlementsApp } from './support';

describe("superadmin reads of plans: one tenant's plan and tenants by plan", () => {
  const app = useEntitlementsApp();
  const get = (url: string, token = app.root) => app.t.call({ method: 'GET', url, token });

  /** Tenants per plan key, from the stats route. */
  const byPlan = async (): Promise<Record<string, number>> => {
    const response = await get('/v1/superadmin/stats/plans');
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return Object.fromEntries(
      response.body.data.map((row: { planKey: string; tenants: number }) => [row.planKey, row.tenants]),
    );
  };

  it("reads a tenant's plan: the default plan until one is assigned, then that plan and its limits", async () => {
    const tenant = await activeTenant(app.t, app.root, 'reader');
    const before = await get(`/v1/superadmin/tenants/${tenant.tenantId}/plan`);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body.data).toEqual({
      tenantId: tenant.tenantId,
      planKey: 'free',
      planName: expect.any(String),
      limits: expect.objectContaining({ users: { soft: 4, hard: 5 } }),
      assignedAt: null,
    });

    const limits = limitsOf({ users: { soft: 18, hard: 20 } });
    expect((await savePlan(app.t, app.root, 'team', { name: 'Team', limits })).status).toBe(200);
    expect((await assignPlan(app.t, app.root, tenant.tenantId, 'team')).status).toBe(200);
    const after = await get(`/v1/superadmin/tenants/${tenant.tenantId}/plan`);
    expect(after.body.data).toMatchObject({ planKey: 'team', planName: 'Team', limits });
    expect(Date.parse(after.body.data.assignedAt)).not.toBeNaN();
  });

  it('counts tenants by plan, every status, the unassigned ones on the default plan', async () => {
    const start = await byPlan();
    expect(start).toHaveProperty('free');
    expect(start).toHaveProperty('pro');

    await signupTenant(app.t, 'pending-counted');
    const onPro = await activeTenant(app.t, app.root, 'pro-counted');
    await activeTenant(app.t, app.root, 'free-counted');
    expect((await assignPlan(app.t, app.root, onPro.tenantId, 'pro')).status).toBe(200);

    const now = await byPlan();
    expect(now.free).toBe((start.free ?? 0) + 2);
    expect(now.pro).toBe((start.pro ?? 0) + 1);

    // The counts add up to every tenant the directory holds.
    const statuses = (await get('/v1/superadmin/stats/tenants')).body.data.byStatus;
    const total = statuses.pending + statuses.active + statuses.suspended;
    expect(Object.values(now).reduce((sum, count) => sum + count, 0)).toBe(total);

    // An archived plan shows only while tenants are on it.
    const limits = limitsOf({});
    expect((await savePlan(app.t, app.root, 'legacy', { name: 'Legacy', limits })).status).toBe(200);
    expect((await assignPlan(app.t, app.root, onPro.tenantId, 'legacy')).status).toBe(200);
    const archived = { name: 'Legacy', limits, archived: true };
    expect((await savePlan(app.t, app.root, 'legacy', archived)).status).toBe(200);
    expect((await byPlan()).legacy).toBe(1);
    expect((await assignPlan(app.t, app.root, onPro.tenantId, 'pro')).status).toBe(200);
    expect(await byPlan()).not.toHaveProperty('legacy');
  });

  it('answers 404 for the plan of an unknown tenant', async () => {
    expectRefused(await get(`/v1/superadmin/tenants/${randomUUID()}/plan`), 404, 'NOT_FOUND');
  });

  it("refuses a tenant's owner at the route and checks the caller again in the service", async () => {
    const tenant = await activeTenant(app.t, app.root, 'nosy-plans');
    const token = tenant.tokens.accessToken;
    expectRefused(await get(`/v1/superadmin/tenants/${tenant.tenantId}/plan`, token), 403, 'AUTHZ');
    expectRefused(await get('/v1/superadmin/stats/plans', token), 403, 'AUTHZ');

    const deps = app.t.modules.entitlements.deps;
    const tenantUser: Principal = {
      kind: 'user',
      id: tenant.userId,
      tenantId: tenant.tenantId,
      roles: ['owner'],
      permissions: [platformModuleManage, platformStatsRead],
    };
    const platformWithout = (permission: string): Principal => ({
      kind: 'superadmin',
      id: randomUUID(),
      tenantId: null,
      roles: [],
      permissions: [permission],
    });
    await expect(tenantPlan(deps, tenantUser, tenant.tenantId)).rejects.toMatchObject({ kind: 'AUTHZ' });
    await expect(tenantsByPlan(deps, tenantUser)).rejects.toMatchObject({ kind: 'AUTHZ' });
    await expect(tenantPlan(deps, platformWithout(platformStatsRead), tenant.tenantId)).rejects.toMatchObject(
      { kind: 'AUTHZ' },
    );
    await expect(tenantsByPlan(deps, platformWithout(platformModuleManage))).rejects.toMatchObject({
      kind: 'AUTHZ',
    });
  });
});
