import type { Principal } from '@tenantry/core';
import { requirePlatformManager, requirePlatformPermission } from '../access';
import { platformStatsRead } from '../permissions';
import type { EntitlementsDeps } from './deps';
import { countAssignmentsByPlan, findAssignedPlan, listPlanRows } from './entitlements.repository';
import { planOf } from './plans.service';
import { defaultPlanKey } from './quotas';

/**
 * GET /v1/superadmin/tenants/:id/plan: the plan a tenant is on and its limits;
 * `assignedAt` is null when it was never assigned one (the default plan).
 */
export const tenantPlan = async (deps: EntitlementsDeps, principal: Principal, tenantId: string) => {
  requirePlatformManager(principal);
  await deps.assertTenant(tenantId);
  return deps.router.withPlatform(async (tx) => {
    const assigned = await findAssignedPlan(tx, tenantId);
    const plan = assigned?.plan ?? (await planOf(tx, tenantId));
    return {
      tenantId,
      planKey: plan.key,
      planName: plan.name,
      limits: plan.limits,
      assignedAt: assigned?.assignment.assignedAt ?? null,
    };
  });
};

/**
 * GET /v1/superadmin/stats/plans: how many tenants (any status) each plan
 * holds. A tenant without an assignment is on the default plan; identity's
 * census gives the total, so entitlements never reads identity's tables.
 * Archived plans appear only while tenants are still on them.
 */
export const tenantsByPlan = async (deps: EntitlementsDeps, principal: Principal) => {
  requirePlatformPermission(principal, platformStatsRead);
  const { plans, assigned, total } = await deps.router.withPlatform(async (tx) => ({
    plans: await listPlanRows(tx),
    assigned: await countAssignmentsByPlan(tx),
    total: await deps.countTenants(tx),
  }));
  const counts = new Map(assigned.map((row) => [row.planKey, row.tenants]));
  const assignedTotal = assigned.reduce((sum, row) => sum + row.tenants, 0);
  // An assignment needs an existing tenant and tenants are never deleted, so
  // the difference is the unassigned ones; the floor only guards a hand-edited table.
  counts.set(defaultPlanKey, (counts.get(defaultPlanKey) ?? 0) + Math.max(0, total - assignedTotal));
  return plans
    .filter((plan) => !plan.archived || (counts.get(plan.key) ?? 0) > 0)
    .map((plan) => ({
      planKey: plan.key,
      planName: plan.name,
      archived: plan.archived,
      tenants: counts.get(plan.key) ?? 0,
    }));
};
