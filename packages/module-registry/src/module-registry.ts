import { type Clock, type IdGenerator, newId, type Principal, systemClock } from '@tenantry/core';
import type { TenancyRouter } from '@tenantry/db';
import type { Redis } from 'ioredis';
import type { ModuleRegistryDeps, TenantLookup } from './deps';
import { createFeatureFlagStore } from './flags/flag-store';
import { createInvalidationBus } from './invalidation';
import { builtInDefaultsOnly, type PermissionUsage } from './permission-usage';
import { createRegistry, type Registry } from './registry';

/**
 * Builds the registry's dependencies: the catalogue reader, the flag store and
 * the invalidation bus that keeps both fresh across instances (Redis pub/sub
 * when there is a Redis). Without RBAC's usage port only the catalogue's
 * built-in defaults count as "in use".
 */
export const createModuleRegistryDeps = (options: {
  router: TenancyRouter;
  tenantStatus: TenantLookup;
  registry?: Registry;
  redis?: Redis;
  /** Pub/sub channel; instances that share it invalidate each other. */
  invalidationChannel?: string;
  permissionUsage?: PermissionUsage;
  clock?: Clock;
  newId?: IdGenerator;
}): ModuleRegistryDeps => {
  const registry = options.registry ?? createRegistry(options.router);
  const invalidation = createInvalidationBus({ redis: options.redis, channel: options.invalidationChannel });
  invalidation.subscribe('catalogue', () => registry.invalidate());
  invalidation.subscribe('tenant-modules', (tenantId) => registry.forgetTenantModules(tenantId));
  return {
    router: options.router,
    clock: options.clock ?? systemClock,
    newId: options.newId ?? newId,
    registry,
    flags: createFeatureFlagStore(options.router, invalidation),
    invalidation,
    permissionUsage: options.permissionUsage ?? builtInDefaultsOnly,
    tenantStatus: options.tenantStatus,
  };
};

/**
 * The principal with its tenant's enabled module keys (the registry drops its
 * cached switches when one changes, so a switch applies on the next request).
 * Left as is when it has no tenant or when something (RBAC's resolver)
 * already set them.
 */
export const withTenantModules = async (
  registry: Pick<Registry, 'enabledFor'>,
  principal: Principal | null,
): Promise<Principal | null> => {
  if (!principal?.tenantId || principal.modules !== undefined) return principal;
  const { modules } = await registry.enabledFor(principal.tenantId);
  return { ...principal, modules: modules.map((module) => module.key) };
};
