import { type Clock, type IdGenerator, internalError, newId, systemClock } from '@tenantry/core';
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

/** How many tenants exist, in the caller's platform transaction (identity owns the directory). */
export type TenantCensus = (tx: Tx) => Promise<number>;

/** Everything entitlements' services need, passed in by the composition root. */
export interface EntitlementsDeps {
  router: TenancyRouter;
  clock: Clock;
  newId: IdGenerator;
  /** One counter per gauge quota. */
  usage: Record<GaugeQuota, GaugeUsage>;
  /** Throws NOT_FOUND unless the tenant exists (identity's directory). */
  assertTenant(tenantId: string): Promise<void>;
  /** The tenants-by-plan figure counts tenants without an assignment against this. */
  countTenants: TenantCensus;
  planCache: PlanCache;
}

/** Builds entitlements' dependencies; locations count 0 until the inventory module supplies its counter. */
export const createEntitlementsDeps = (options: {
  router: TenancyRouter;
  usage: { users: GaugeUsage; locations?: GaugeUsage };
  assertTenant(tenantId: string): Promise<void>;
  countTenants?: TenantCensus;
  clock?: Clock;
  newId?: IdGenerator;
  planCacheMs?: number;
}): EntitlementsDeps => ({
  router: options.router,
  clock: options.clock ?? systemClock,
  newId: options.newId ?? newId,
  usage: { users: options.usage.users, locations: options.usage.locations ?? (async () => 0) },
  assertTenant: options.assertTenant,
  // Quotas work without it; only the platform figure needs the directory's count.
  countTenants:
    options.countTenants ??
    (async () => {
      throw internalError('No tenant census is wired into entitlements');
    }),
  planCache: createPlanCache(
    async (tenantId) => (await options.router.withPlatform((tx) => planOf(tx, tenantId))).limits,
    { ttlMs: options.planCacheMs ?? 5_000 },
  ),
});
