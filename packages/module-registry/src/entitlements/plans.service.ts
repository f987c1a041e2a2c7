import { internalError, type Principal } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import { appendEvent } from '@tenantry/outbox';
import { requirePlatformManager } from '../access';
import type { RequestMeta } from '../deps';
import { auditPlatformChange } from '../registry-audit';
import type { EntitlementsDeps } from './deps';
import type { SavePlanInput } from './entitlements.contracts';
import {
  findAssignedPlan,
  findPlan,
  insertPlan,
  listPlanRows,
  lockAssignment,
  type PlanRow,
  updatePlan,
  upsertAssignment,
} from './entitlements.repository';
import { entitlementErrors } from './errors';
import { entitlementEvents } from './events';
import { defaultPlanKey } from './quotas';

const planView = (row: PlanRow) => ({
  key: row.key,
  name: row.name,
  limits: row.limits,
  archived: row.archived,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** The plan a tenant is on: its assigned plan, else the default plan. */
export const planOf = async (tx: Tx, tenantId: string): Promise<PlanRow> => {
  const assigned = await findAssignedPlan(tx, tenantId);
  if (assigned) return assigned.plan;
  const fallback = await findPlan(tx, defaultPlanKey);
  if (!fallback) throw internalError(`The default plan "${defaultPlanKey}" is missing`);
  return fallback;
};

/** A superadmin's change on the platform: its event and audit row commit with it. */
const recordPlatformChange = async (
  tx: Tx,
  deps: EntitlementsDeps,
  principal: Principal,
  change: {
    event: string;
    action: string;
    entity: { type: string; id: string };
    data: Record<string, unknown>;
    before: Record<string, unknown> | null;
    after: Record<string, unknown>;
  },
  meta: RequestMeta,
) => {
  await appendEvent(
    tx,
    { tenantId: null, type: change.event, entityId: change.entity.id, data: change.data },
    deps,
  );
  await auditPlatformChange(tx, deps, principal, change, meta);
};

/** GET /v1/superadmin/plans: every plan, archived ones included, by key. */
export const listPlans = async (deps: EntitlementsDeps, principal: Principal) => {
  requirePlatformManager(principal);
  return (await deps.router.withPlatform(listPlanRows)).map(planView);
};

/**
 * PUT /v1/superadmin/plans/:key: creates the plan or replaces its name,
 * limits and archived flag. New limits apply to every tenant on the plan at
 * once (this process) or within the plan cache's lifetime (other replicas).
 */
export const savePlan = async (
  deps: EntitlementsDeps,
  principal: Principal,
  key: string,
  input: SavePlanInput,
  meta: RequestMeta,
) => {
  requirePlatformManager(principal);
  if (key === defaultPlanKey && input.archived) throw entitlementErrors.defaultPlanArchived();
  const saved = await deps.router.withPlatform(async (tx) => {
    const existing = await findPlan(tx, key, { lock: true });
    const now = deps.clock.now();
    const row: PlanRow = {
      key,
      name: input.name,
      limits: input.limits,
      archived: input.archived,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    if (existing) await updatePlan(tx, key, { ...input, updatedAt: now });
    else await insertPlan(tx, row);
    const after = { name: row.name, limits: row.limits, archived: row.archived };
    await recordPlatformChange(
      tx,
      deps,
      principal,
      {
        event: entitlementEvents.planSaved,
        action: existing ? 'plan.updated' : 'plan.created',
        entity: { type: 'plan', id: key },
        data: { planKey: key, ...after },
        before: existing
          ? { name: existing.name, limits: existing.limits, archived: existing.archived }
          : null,
        after,
      },
      meta,
    );
    return row;
  });
  deps.planCache.forget();
  return planView(saved);
};

/**
 * PUT /v1/superadmin/tenants/:id/plan: moves a tenant to an assignable
 * (not archived) plan. Assigning the plan it is on changes nothing.
 */
export const assignPlan = async (
  deps: EntitlementsDeps,
  principal: Principal,
  tenantId: string,
  planKey: string,
  meta: RequestMeta,
) => {
  requirePlatformManager(principal);
  await deps.assertTenant(tenantId);
  const assignment = await deps.router.withPlatform(async (tx) => {
    const plan = await findPlan(tx, planKey);
    if (!plan) throw entitlementErrors.unknownPlan(planKey);
    const current = await lockAssignment(tx, tenantId);
    const from = current?.planKey ?? defaultPlanKey;
    if (from === planKey) return { tenantId, planKey, assignedAt: current?.assignedAt ?? null };
    if (plan.archived) throw entitlementErrors.planArchived(planKey);
    const row = { tenantId, planKey, assignedAt: deps.clock.now() };
    await upsertAssignment(tx, row);
    await recordPlatformChange(
      tx,
      deps,
      principal,
      {
        event: entitlementEvents.planAssigned,
        action: 'tenant.plan_changed',
        entity: { type: 'tenant', id: tenantId },
        data: { tenantId, from, to: planKey },
        before: { planKey: from },
        after: { planKey },
      },
      meta,
    );
    return row;
  });
  deps.planCache.forget(tenantId);
  return assignment;
};
