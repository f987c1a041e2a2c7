import { type Clock, type IdGenerator, newId, systemClock } from '@tenantry/core';
import type { TenancyRouter, Tx } from '@tenantry/db';
import { createPlanCache, type PlanCache } from './plan-cache';
import { planOf } from './plans.service';
import type { GaugeQuota } from './quotas';

/**
 * Counts what a tenant holds now, in the caller's platform transaction. The
 * owning module supplies it (identity counts members); a count kept in
 * tenant storage reaches the platform as a number its module maintains.
 */
export type GaugeUsage = (tx: Tx, tenantId: string) => Promise<number>;

/** Everything entitlements' services need, passed in by the composition root. */
export interface EntitlementsDeps {
  router: TenancyRouter;
  clock: Clock;
  newId: IdGenerator;
  /** One counter per gauge quota. */
  usage: Record<GaugeQuota, GaugeUsage>;
  /** Throws NOT_FOUND unless the tenant exists (identity's directory). */
  assertTenant(tenantId: string): Promise<void>;
  planCache: PlanCache;
}

/** Builds entitlements' dependencies; locations count 0 until the inventory module supplies its counter. */
export const createEntitlementsDeps = (options: {
  router: TenancyRouter;
  usage: { users: GaugeUsage; locations?: GaugeUsage };
  assertTenant(tenantId: string): Promise<void>;
  clock?: Clock;
  newId?: IdGenerator;
  planCacheMs?: number;
}): EntitlementsDeps => ({
  router: options.router,
  clock: options.clock ?? systemClock,
  newId: options.newId ?? newId,
  usage: { users: options.usage.users, locations: options.usage.locations ?? (async () => 0) },
  assertTenant: options.assertTenant,
  planCache: createPlanCache(
    async (tenantId) => (await options.router.withPlatform((tx) => planOf(tx, tenantId))).limits,
    { ttlMs: options.planCacheMs ?? 5_000 },
  ),
});
