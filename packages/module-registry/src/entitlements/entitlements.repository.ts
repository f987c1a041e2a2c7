import { queryRows, type Tx } from '@tenantry/db';
import { and, asc, eq, sql } from 'drizzle-orm';
import { plans, quotaWarnings, tenantPlans, usageCounters } from './schema';

export type PlanRow = typeof plans.$inferSelect;
export type TenantPlanRow = typeof tenantPlans.$inferSelect;

export const listPlanRows = (tx: Tx): Promise<PlanRow[]> => tx.select().from(plans).orderBy(asc(plans.key));

export const findPlan = async (tx: Tx, key: string, options: { lock?: boolean } = {}) => {
  const query = tx.select().from(plans).where(eq(plans.key, key));
  return (await (options.lock ? query.for('update') : query))[0] ?? null;
};

export const insertPlan = async (tx: Tx, row: typeof plans.$inferInsert): Promise<void> => {
  await tx.insert(plans).values(row);
};

export const updatePlan = async (tx: Tx, key: string, values: Partial<PlanRow>): Promise<void> => {
  await tx.update(plans).set(values).where(eq(plans.key, key));
};

/** The plan a tenant has been assigned, or null when it is on the default plan. */
export const findAssignedPlan = async (
  tx: Tx,
  tenantId: string,
): Promise<{ assignment: TenantPlanRow; plan: PlanRow } | null> =>
  (
    await tx
      .select({ assignment: tenantPlans, plan: plans })
      .from(tenantPlans)
      .innerJoin(plans, eq(plans.key, tenantPlans.planKey))
      .where(eq(tenantPlans.tenantId, tenantId))
  )[0] ?? null;

/** How many tenants are assigned to each plan; tenants without an assignment are on the default plan. */
export const countAssignmentsByPlan = (tx: Tx): Promise<{ planKey: string; tenants: number }[]> =>
  tx
    .select({ planKey: tenantPlans.planKey, tenants: sql<number>`count(*)::int` })
    .from(tenantPlans)
    .groupBy(tenantPlans.planKey);

export const lockAssignment = async (tx: Tx, tenantId: string): Promise<TenantPlanRow | null> =>
  (await tx.select().from(tenantPlans).where(eq(tenantPlans.tenantId, tenantId)).for('update'))[0] ?? null;

export const upsertAssignment = async (tx: Tx, row: TenantPlanRow): Promise<void> => {
  await tx
    .insert(tenantPlans)
    .values(row)
    .onConflictDoUpdate({
      target: tenantPlans.tenantId,
      set: { planKey: row.planKey, assignedAt: row.assignedAt },
    });
};

/**
 * Serialises checks of one tenant's quota until the caller's transaction
 * ends, so two additions cannot both see room for one.
 */
export const lockQuota = async (tx: Tx, tenantId: string, quota: string): Promise<void> => {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`entitlements:${tenantId}:${quota}`}, 0))`,
  );
};

export const counterValue = async (tx: Tx, tenantId: string, quota: string, period: string) =>
  (
    await tx
      .select({ value: usageCounters.value })
      .from(usageCounters)
      .where(
        and(
          eq(usageCounters.tenantId, tenantId),
          eq(usageCounters.quota, quota),
          eq(usageCounters.period, period),
        ),
      )
  )[0]?.value ?? 0;

/**
 * Adds `amount` to a counter only if the result stays within `hard` (null:
 * no limit), in one statement: the row lock of the upsert makes concurrent
 * calls queue and each sees the value the previous one left. Returns the new
 * value, or null when the addition would pass the limit (nothing changed).
 */
export const incrementWithinLimit = async (
  tx: Tx,
  counter: { tenantId: string; quota: string; period: string; amount: number; hard: number | null; at: Date },
): Promise<number | null> => {
  const { tenantId, quota, period, amount, hard, at } = counter;
  const within = hard === null ? sql`true` : sql`usage_counters.value + excluded.value <= ${hard}`;
  const firstWithin = hard === null ? sql`true` : sql`${amount}::bigint <= ${hard}`;
  const rows = await queryRows<{ value: number }>(
    tx,
    sql`insert into usage_counters (tenant_id, quota, period, value, updated_at)
        select ${tenantId}::uuid, ${quota}, ${period}, ${amount}::bigint, ${at.toISOString()}::timestamptz where ${firstWithin}
        on conflict (tenant_id, quota, period) do update
          set value = usage_counters.value + excluded.value, updated_at = excluded.updated_at
          where ${within}
        returning value`,
  );
  const value = rows[0]?.value;
  return value === undefined ? null : Number(value);
};

/** Records a soft-limit warning; false when one is already recorded for this tenant, quota and period. */
export const insertWarning = async (tx: Tx, row: typeof quotaWarnings.$inferInsert): Promise<boolean> =>
  (
    await tx
      .insert(quotaWarnings)
      .values(row)
      .onConflictDoNothing()
      .returning({ tenantId: quotaWarnings.tenantId })
  ).length > 0;

/** Records a soft-limit warning, replacing the period's earlier one (a new crossing). */
export const upsertWarning = async (tx: Tx, row: typeof quotaWarnings.$inferInsert): Promise<void> => {
  await tx
    .insert(quotaWarnings)
    .values(row)
    .onConflictDoUpdate({
      target: [quotaWarnings.tenantId, quotaWarnings.quota, quotaWarnings.period],
      set: { softLimit: row.softLimit, used: row.used, warnedAt: row.warnedAt },
    });
};
