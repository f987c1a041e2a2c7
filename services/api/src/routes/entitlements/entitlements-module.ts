import type { Clock } from '@tenantry/core';
import type { TenancyRouter } from '@tenantry/db';
import type { MemberQuota } from '@tenantry/identity';
import {
  checkQuota,
  createEntitlementsDeps,
  type EntitlementsDeps,
  type GaugeUsage,
  requestsPerWindow,
  type TenantCensus,
} from '@tenantry/module-registry';
import type { AnyRouteDefinition } from '../../http/route';
import type { TenantRequestLimit } from '../../plugins/rate-limit';
import { entitlementRoutes } from './entitlements.routes';

export interface EntitlementsModule {
  deps: EntitlementsDeps;
  routes: AnyRouteDefinition[];
  /** Identity's port: the users quota, checked before a member is added. */
  memberQuota: MemberQuota;
  /** The rate limiter's per-tenant maximum, from the tenant's plan. */
  tenantRequestLimit: TenantRequestLimit;
}

/** Entitlements wired for HTTP and for the modules that enforce its quotas. */
export const createEntitlementsModule = (options: {
  router: TenancyRouter;
  clock?: Clock;
  /** Identity's member count, in the directory transaction. */
  countMembers: GaugeUsage;
  /** Inventory's active locations (read in the tenant's own storage). */
  countLocations: GaugeUsage;
  assertTenant(tenantId: string): Promise<void>;
  /** Identity's tenant count, in the directory transaction: the tenants-by-plan figure. */
  countTenants: TenantCensus;
}): EntitlementsModule => {
  const deps = createEntitlementsDeps({
    router: options.router,
    clock: options.clock,
    usage: { users: options.countMembers, locations: options.countLocations },
    assertTenant: options.assertTenant,
    countTenants: options.countTenants,
  });
  return {
    deps,
    routes: entitlementRoutes(deps),
    memberQuota: {
      async check(tx, tenantId, { adding, preview }) {
        await checkQuota(deps, tenantId, 'users', { adding, preview, tx });
      },
    },
    tenantRequestLimit: (tenantId, windowMs) => requestsPerWindow(deps, tenantId, windowMs),
  };
};
