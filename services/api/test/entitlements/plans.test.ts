import { newId } from '@tenantry/core';
import { queryRows } from '@tenantry/db';
import { consumeQuota } from '@tenantry/module-registry';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activeTenant } from '../identity/support';
import { addMember, expectRefused } from '../identity/tenant-admin-support';
import { assignPlan, limitsOf, putTenantOnPlan, savePlan, useEntitlementsApp } from './support';

describe('plans and entitlements', () => {
  const app = useEntitlementsApp();

  /** Platform-scope events and audit actions about an entity, oldest first. */
  const platformTrail = (entityId: string) =>
    app.t.db.router.withPlatform(async (tx) => ({
      events: await queryRows<{ type: string; data: Record<string, unknown> }>(
        tx,
        sql`select type, data from event_outbox where entity_id = ${entityId} order by occurred_at, event_id`,
      ),
      audit: (
        await queryRows<{ action: string }>(
          tx,
          sql`select action from audit_events where entity_id = ${entityId} order by created_at, id`,
        )
      ).map((row) => row.action),
    }));

  it('lists the seeded plans to superadmins only', async () => {
    const { t, root } = app;
    const listed = await t.call({ method: 'GET', url: '/v1/superadmin/plans', token: root });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: 'free',
          archived: false,
          limits: {
            users: { soft: 4, hard: 5 },
            locations: { soft: null, hard: 1 },
            pos_tickets_per_month: { soft: 400, hard: 500 },
            api_calls_per_minute: { soft: null, hard: 120 },
          },
        }),
        expect.objectContaining({ key: 'pro', archived: false }),
      ]),
    );
    const tenant = await activeTenant(t, root, 'nosy');
    const refused = await t.call({
      method: 'GET',
      url: '/v1/superadmin/plans',
      token: tenant.tokens.accessToken,
    });
    expectRefused(refused, 403);
  });

  it('validates a plan: every quota named, whole numbers, soft not above hard', async () => {
    const { t, root } = app;
    const valid = { name: 'Team', limits: limitsOf({ users: { soft: 8, hard: 10 } }) };
    const invalid = [
      { ...valid, limits: limitsOf({ users: { soft: 11, hard: 10 } }) },
      { ...valid, limits: limitsOf({ users: { soft: null, hard: -1 } }) },
      { ...valid, limits: limitsOf({ users: { soft: null, hard: 2.5 } }) },
      { ...valid, limits: { users: { soft: null, hard: 3 } } },
      { ...valid, limits: { ...valid.limits, seats: { soft: null, hard: 3 } } },
      { ...valid, name: '' },
      { ...valid, tenantId: newId() },
    ];
    for (const body of invalid) expectRefused(await savePlan(t, root, 'team', body), 400, 'VALIDATION');
    expectRefused(await savePlan(t, root, 'Not_A_Key', valid), 400, 'VALIDATION');
    const listed = await t.call({ method: 'GET', url: '/v1/superadmin/plans', token: root });
    expect(listed.body.data.map((plan: { key: string }) => plan.key)).not.toContain('team');
  });

  it('creates and updates a plan with an event and an audit row each; the default plan cannot be archived', async () => {
    const { t, root } = app;
    const limits = limitsOf({ users: { soft: 8, hard: 10 } });
    const created = await savePlan(t, root, 'team', { name: 'Team', limits });
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({ key: 'team', name: 'Team', limits, archived: false });
    const updated = await savePlan(t, root, 'team', { name: 'Team plus', limits, archived: true });
    expect(updated.body.data).toMatchObject({ name: 'Team plus', archived: true });
    const trail = await platformTrail('team');
    expect(trail.events.map((event) => event.type)).toEqual([
      'entitlements.plan.saved',
      'entitlements.plan.saved',
    ]);
    expect(trail.audit).toEqual(['plan.created', 'plan.updated']);

    const free = await t.call({ method: 'GET', url: '/v1/superadmin/plans', token: root });
    const freePlan = free.body.data.find((plan: { key: string }) => plan.key === 'free');
    const archiveFree = { name: freePlan.name, limits: freePlan.limits, archived: true };
    expectRefused(await savePlan(t, root, 'free', archiveFree), 409, 'CONFLICT');
  });

  it('assigns a plan with an event and an audit row; refuses unknown and archived plans and unknown tenants', async () => {
    const { t, root } = app;
    const tenant = await activeTenant(t, root, 'mover');
    const assigned = await assignPlan(t, root, tenant.tenantId, 'pro');
    expect(assigned.status).toBe(200);
    expect(assigned.body.data).toMatchObject({ tenantId: tenant.tenantId, planKey: 'pro' });
    const trail = await platformTrail(tenant.tenantId);
    expect(trail.events.filter((event) => event.type.startsWith('entitlements.'))).toEqual([
      { type: 'entitlements.plan.assigned', data: { tenantId: tenant.tenantId, from: 'free', to: 'pro' } },
    ]);
    expect(trail.audit).toContain('tenant.plan_changed');

    expectRefused(await assignPlan(t, root, tenant.tenantId, 'no-such-plan'), 422, 'VALIDATION');
    expectRefused(await assignPlan(t, root, newId(), 'pro'), 404, 'NOT_FOUND');
    await savePlan(t, root, 'retired', { name: 'Retired', limits: limitsOf({}), archived: true });
    expectRefused(await assignPlan(t, root, tenant.tenantId, 'retired'), 409, 'CONFLICT');
    expectRefused(await assignPlan(t, tenant.tokens.accessToken, tenant.tenantId, 'free'), 403);
  });

  it("shows the caller's limits and usage now, to roles holding registry.entitlement.read", async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'usage');
    const member = await addMember(t, mail, tenant, 'member');
    await consumeQuota(t.modules.entitlements.deps, tenant.tenantId, 'pos_tickets_per_month', { amount: 7 });
    const month = new Date().toISOString().slice(0, 7);

    const response = await t.call({
      method: 'GET',
      url: '/v1/tenants/current/entitlements',
      token: tenant.tokens.accessToken,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.data).toEqual({
      plan: { key: 'free', name: 'Free' },
      quotas: [
        { quota: 'users', kind: 'gauge', soft: 4, hard: 5, used: 2, period: '' },
        { quota: 'locations', kind: 'gauge', soft: null, hard: 1, used: 0, period: '' },
        { quota: 'pos_tickets_per_month', kind: 'monthly', soft: 400, hard: 500, used: 7, period: month },
        { quota: 'api_calls_per_minute', kind: 'rate', soft: null, hard: 120, used: null, period: null },
      ],
    });

    await putTenantOnPlan(t, root, tenant.tenantId, 'usage-plan', { users: { soft: null, hard: 3 } });
    const changed = await t.call({
      method: 'GET',
      url: '/v1/tenants/current/entitlements',
      token: tenant.tokens.accessToken,
    });
    expect(changed.body.data.plan).toEqual({ key: 'usage-plan', name: 'usage-plan' });
    expect(changed.body.data.quotas[0]).toMatchObject({ quota: 'users', soft: null, hard: 3, used: 2 });

    const refused = await t.call({
      method: 'GET',
      url: '/v1/tenants/current/entitlements',
      token: member.tokens.accessToken,
    });
    expectRefused(refused, 403);
  });
});
