import { queryRows } from '@tenantry/db';
import type { PlanLimits } from '@tenantry/module-registry';
import { testRedisUrl } from '@tenantry/testing';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect } from 'vitest';
import { createIdentityTestApp, createSuperadmin, type IdentityTestApp } from '../identity/support';
import { type InvitationMail, startInvitationMail } from '../identity/tenant-admin-support';

export interface EntitlementsApp {
  t: IdentityTestApp;
  mail: InvitationMail;
  /** The superadmin's access token. */
  root: string;
}

/**
 * The API as the composition root wires it (each tenant's rate limit from
 * its plan, counted in Redis), with invitation e-mails delivered and the
 * superadmin signed in; started before the describe block's tests.
 */
export const useEntitlementsApp = (): EntitlementsApp => {
  const app = {} as EntitlementsApp;
  const redis = new Redis(testRedisUrl());
  beforeAll(async () => {
    app.t = await createIdentityTestApp({
      redis,
      wire: (modules) => ({ tenantRequestLimit: modules.tenantRequestLimit }),
    });
    app.mail = await startInvitationMail(app.t);
    app.root = (await createSuperadmin(app.t)).accessToken;
  });
  afterAll(async () => {
    await app.t?.close();
    await app.mail?.close();
    await redis.quit();
  });
  return app;
};

/** A plan's limits: every quota unlimited unless given. */
export const limitsOf = (overrides: Partial<PlanLimits>): PlanLimits => ({
  users: { soft: null, hard: null },
  locations: { soft: null, hard: null },
  pos_tickets_per_month: { soft: null, hard: null },
  api_calls_per_minute: { soft: null, hard: null },
  ...overrides,
});

export const savePlan = (t: IdentityTestApp, root: string, key: string, body: unknown) =>
  t.call({ method: 'PUT', url: `/v1/superadmin/plans/${key}`, token: root, body });

/** Creates (or replaces) a plan and moves the tenant onto it. */
export const putTenantOnPlan = async (
  t: IdentityTestApp,
  root: string,
  tenantId: string,
  key: string,
  limits: Partial<PlanLimits>,
) => {
  const saved = await savePlan(t, root, key, { name: key, limits: limitsOf(limits) });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const assigned = await assignPlan(t, root, tenantId, key);
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
};

export const assignPlan = (t: IdentityTestApp, root: string, tenantId: string, planKey: string) =>
  t.call({ method: 'PUT', url: `/v1/superadmin/tenants/${tenantId}/plan`, token: root, body: { planKey } });

/** The soft-limit warnings emitted about a tenant (platform-scope events), oldest first. */
export const softWarnings = async (t: IdentityTestApp, tenantId: string) =>
  t.db.router.withPlatform((tx) =>
    queryRows<{ data: { quota: string; used: number; soft: number; hard: number; period: string } }>(
      tx,
      sql`select data from event_outbox
           where type = 'entitlements.quota.soft_exceeded' and data->>'tenantId' = ${tenantId}
           order by occurred_at, event_id`,
    ),
  );
