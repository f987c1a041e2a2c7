import type { Clock, IdGenerator } from '@tenantry/core';
import type { TenancyRouter } from '@tenantry/db';
import type { FeatureFlagStore } from './flags/flag-store';
import type { InvalidationBus } from './invalidation';
import type { PermissionUsage } from './permission-usage';
import type { Registry } from './registry';

/** A tenant's lifecycle state as identity knows it; null when there is no such tenant. */
export type TenantLookup = (tenantId: string) => Promise<'pending' | 'active' | 'suspended' | null>;

/** Everything the registry's services need, passed in by the composition root. */
export interface ModuleRegistryDeps {
  router: TenancyRouter;
  clock: Clock;
  newId: IdGenerator;
  registry: Registry;
  flags: FeatureFlagStore;
  /** Tells other API instances to drop their cached catalogue. */
  invalidation: InvalidationBus;
  /** RBAC's view of which permissions tenant roles hold. */
  permissionUsage: PermissionUsage;
  /** Identity's tenants: whether one exists and whether its storage is provisioned. */
  tenantStatus: TenantLookup;
}

/** Who asked, from where: carried into audit rows. */
export interface RequestMeta {
  ip?: string;
  userAgent?: string | null;
  requestId?: string | null;
}
