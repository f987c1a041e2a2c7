import { type Clock, newId, systemClock } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
import { type IdentityDeps, listTenantsPage, memberRoleOf, memberRolesOf } from '@tenantry/identity';
import type { PermissionUsage, Registry } from '@tenantry/module-registry';
import {
  type AccessResolver,
  assignedRank,
  createAccessResolver,
  dropAssignmentsOf,
  permissionUsage,
  type RbacDeps,
  seedTenantRoles,
} from '@tenantry/rbac';
import type { AnyRouteDefinition } from './http/route';
import { rbacRoutes } from './routes/rbac';

export interface RbacModule {
  deps: RbacDeps;
  /** Turns an authenticated principal into its effective permissions, per request. */
  resolver: AccessResolver;
  /** Seeds a newly approved tenant's built-in roles (identity's approval hook). */
  seedTenant(tenantId: string): Promise<void>;
  /** Which tenants' custom roles hold given permissions (the registry asks before one vanishes). */
  permissionUsage: PermissionUsage;
  /** A member's rank from RBAC assignments (identity's rank rules count it). */
  memberRank(tenantId: string, userId: string): Promise<number>;
  /** A member left: their assignments are dropped. */
  onMemberRemoved(tenantId: string, userId: string): Promise<void>;
  routes: AnyRouteDefinition[];
}

/** RBAC wired for HTTP: roles and assignments in each tenant's storage, members from identity's directory. */
export const createRbacModule = (options: {
  db: DatabaseRuntime;
  registry: Registry;
  clock?: Clock;
  /** Every tenant with storage, for permission usage across tenants. */
  tenants: () => Promise<string[]>;
}): RbacModule => {
  const deps: RbacDeps = {
    router: options.db.router,
    registry: options.registry,
    clock: options.clock ?? systemClock,
    newId,
    directory: {
      baseRoleOf: (tenantId, userId) => memberRoleOf(options, tenantId, userId),
      membersOf: (tenantId) => memberRolesOf(options, tenantId),
    },
  };
  return {
    deps,
    resolver: createAccessResolver({ router: deps.router, registry: deps.registry }),
    seedTenant: async (tenantId) => void (await seedTenantRoles(deps, tenantId)),
    permissionUsage: async (permissions) => permissionUsage(deps, await options.tenants(), permissions),
    memberRank: (tenantId, userId) => assignedRank(deps, tenantId, userId),
    onMemberRemoved: async (tenantId, userId) => void (await dropAssignmentsOf(deps, tenantId, userId)),
    routes: rbacRoutes(deps),
  };
};

/** Every approved tenant (active or suspended: both have storage), from identity's directory. */
export const provisionedTenantIds = async (identity: IdentityDeps): Promise<string[]> => {
  const ids: string[] = [];
  for (const status of ['active', 'suspended'] as const) {
    let cursor: string | undefined;
    do {
      const page = await listTenantsPage(identity, { status, cursor, limit: 500 });
      ids.push(...page.items.map((tenant) => tenant.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return ids;
};
