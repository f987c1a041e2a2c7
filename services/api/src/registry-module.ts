import { isAppError } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
import { getTenant, type IdentityDeps } from '@tenantry/identity';
import {
  createModuleRegistryDeps,
  type ModuleRegistryDeps,
  type PermissionUsage,
  type Registry,
  type TenantLookup,
} from '@tenantry/module-registry';
import type { Redis } from 'ioredis';
import type { AnyRouteDefinition } from './http/route';
import { registryRoutes } from './routes/registry';

export interface RegistryModule {
  deps: ModuleRegistryDeps;
  routes: AnyRouteDefinition[];
}

/** Identity's tenants as the registry asks about them: status, or null for no such tenant. */
export const tenantStatusFrom =
  (identity: IdentityDeps): TenantLookup =>
  async (tenantId) => {
    try {
      return (await getTenant(identity, tenantId)).status;
    } catch (error) {
      if (isAppError(error) && error.kind === 'NOT_FOUND') return null;
      throw error;
    }
  };

/**
 * The registry wired for HTTP: catalogue CRUD, tenant module switches and
 * feature flags, with caches invalidated across instances through Redis.
 * `permissionUsage` is RBAC's view of tenant roles once it exists.
 */
export const createRegistryModule = (options: {
  db: DatabaseRuntime;
  registry: Registry;
  tenantStatus: TenantLookup;
  redis?: Redis;
  clock?: ModuleRegistryDeps['clock'];
  permissionUsage?: PermissionUsage;
}): RegistryModule => {
  const deps = createModuleRegistryDeps({ ...options, router: options.db.router });
  return { deps, routes: registryRoutes(deps) };
};
