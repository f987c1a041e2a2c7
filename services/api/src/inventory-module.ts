import { type Clock, newId, systemClock } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
import type { InventoryDeps, LocationQuotaGate } from '@tenantry/inventory';
import { checkQuota, type EntitlementsDeps } from '@tenantry/module-registry';
import type { AnyRouteDefinition } from './http/route';
import { inventoryRoutes } from './routes/inventory';

export interface InventoryModule {
  deps: InventoryDeps;
  routes: AnyRouteDefinition[];
}

/** The composition root's inventory dependencies, for the API and the worker alike. */
export const inventoryDeps = (
  db: Pick<DatabaseRuntime, 'router'>,
  clock: Clock = systemClock,
): InventoryDeps => ({
  router: db.router,
  clock,
  newId,
});

/**
 * A new location passes the plan's locations quota first: the check holds
 * the quota's lock (a platform transaction) until the location is committed,
 * so two concurrent additions cannot both take the last place.
 */
const locationQuotaGate =
  (entitlements: EntitlementsDeps): LocationQuotaGate =>
  (tenantId, add) =>
    entitlements.router.withPlatform(async (tx) => {
      await checkQuota(entitlements, tenantId, 'locations', { tx });
      await add();
    });

/** Inventory wired for HTTP. */
export const createInventoryModule = (options: {
  db: DatabaseRuntime;
  entitlements: EntitlementsDeps;
  clock?: Clock;
}): InventoryModule => {
  const deps = inventoryDeps(options.db, options.clock);
  return {
    deps,
    routes: inventoryRoutes({ ...deps, locationQuota: locationQuotaGate(options.entitlements) }),
  };
};
