import type { Clock } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
import { countTenantMembers, countTenants, getTenant, type IdentityConfig } from '@tenantry/identity';
import { activeLocationCount } from '@tenantry/inventory';
import { createRegistry, type Registry, withTenantModules } from '@tenantry/module-registry';
import type { Redis } from 'ioredis';
import type { AnyRouteDefinition } from './http/route';
import { createIdentityModule, type IdentityModule } from './identity-module';
import { createInventoryModule, type InventoryModule } from './inventory-module';
import type { TenantRequestLimit } from './plugins/rate-limit';
import type { Authenticator } from './plugins/request-context';
import { createPosModule, type PosModule } from './pos-module';
import { createRbacModule, provisionedTenantIds, type RbacModule } from './rbac-module';
import { createRegistryModule, type RegistryModule, tenantStatusFrom } from './registry-module';
import { createEntitlementsModule, type EntitlementsModule } from './routes/entitlements/entitlements-module';

export interface PlatformModules {
  identity: IdentityModule;
  registry: Registry;
  /** Catalogue CRUD, tenant module switches and feature flags. */
  moduleRegistry: RegistryModule;
  entitlements: EntitlementsModule;
  /** Roles, assignments and the access resolver behind `authenticate`. */
  rbac: RbacModule;
  inventory: InventoryModule;
  pos: PosModule;
  authenticate: Authenticator;
  /** For buildApp: each tenant's rate limit comes from its plan. */
  tenantRequestLimit: TenantRequestLimit;
  routes: AnyRouteDefinition[];
}

/**
 * Every domain module wired for HTTP, in one place: main.ts and the tests
 * build the same app from it. Modules add their routes to the list.
 */
export const createPlatformModules = async (options: {
  db: DatabaseRuntime;
  identityConfig: IdentityConfig;
  redis?: Redis;
  clock?: Clock;
}): Promise<PlatformModules> => {
  const entitlements = createEntitlementsModule({
    router: options.db.router,
    clock: options.clock,
    countMembers: countTenantMembers,
    countTenants,
    countLocations: (_tx, tenantId) => activeLocationCount(options.db, tenantId),
    // Called per request, once identity below exists.
    assertTenant: async (tenantId) => void (await getTenant(identity.deps, tenantId)),
  });
  const identity = await createIdentityModule({
    db: options.db,
    config: options.identityConfig,
    redis: options.redis,
    clock: options.clock,
    memberQuota: entitlements.memberQuota,
    // Called at approval, once rbac below exists: seeds the tenant's built-in roles.
    onTenantApproved: (tenantId) => rbac.seedTenant(tenantId),
    memberRank: (tenantId, userId) => rbac.memberRank(tenantId, userId),
    onMemberRemoved: (tenantId, userId) => rbac.onMemberRemoved(tenantId, userId),
  });
  const registry = createRegistry(options.db.router);
  const rbac = createRbacModule({
    db: options.db,
    registry,
    clock: options.clock,
    tenants: () => provisionedTenantIds(identity.deps),
  });
  const moduleRegistry = createRegistryModule({
    db: options.db,
    registry,
    redis: options.redis,
    clock: options.clock,
    tenantStatus: tenantStatusFrom(identity.deps),
    // Custom roles of every tenant count as uses when a permission would leave the catalogue.
    permissionUsage: rbac.permissionUsage,
  });
  const inventory = createInventoryModule({
    db: options.db,
    entitlements: entitlements.deps,
    clock: options.clock,
  });
  const pos = createPosModule({ db: options.db, entitlements: entitlements.deps, clock: options.clock });
  return {
    identity,
    inventory,
    pos,
    registry,
    moduleRegistry,
    entitlements,
    rbac,
    // Each request asks the registry for the tenant's enabled modules; its cache is dropped when a
    // switch commits (here at once, in other instances over the bus), so a switch applies on the
    // next request. RBAC reads the principal's roles on every request, so a role change does too.
    authenticate: async (request) => {
      const principal = await identity.authenticate(request);
      return withTenantModules(registry, principal && (await rbac.resolver.resolve(principal)));
    },
    tenantRequestLimit: entitlements.tenantRequestLimit,
    routes: [
      ...identity.routes,
      ...entitlements.routes,
      ...moduleRegistry.routes,
      ...rbac.routes,
      ...inventory.routes,
      ...pos.routes,
    ],
  };
};
