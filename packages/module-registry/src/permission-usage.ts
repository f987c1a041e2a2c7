import type { PermissionInUse } from './errors';

/** Where tenants hold a permission: one row per permission key that some tenant role holds. */
export interface PermissionUse {
  permission: string;
  /** Tenant ids whose roles hold it. */
  tenants: string[];
  /** The names of those roles (custom roles, and built-in roles as seeded in the tenant). */
  roles: string[];
}

/**
 * The port through which RBAC tells the registry which permissions tenants'
 * roles hold, across every tenant. Keys no role holds may be left out.
 */
export type PermissionUsage = (permissionKeys: readonly string[]) => Promise<PermissionUse[]>;

/**
 * The default until RBAC supplies its own: no tenant roles are known, so only
 * the catalogue's built-in defaults (checked by the services) count.
 */
export const builtInDefaultsOnly: PermissionUsage = async () => [];

const tenantsListed = 20;

/**
 * The permissions among `permissions` that are held somewhere: by default on a
 * built-in role profile (the catalogue's `roles`), or by a tenant role.
 */
export const permissionsInUse = async (
  usage: PermissionUsage,
  permissions: readonly { key: string; roles: readonly string[] }[],
): Promise<PermissionInUse[]> => {
  if (permissions.length === 0) return [];
  const held = new Map(
    (await usage(permissions.map((permission) => permission.key))).map((use) => [use.permission, use]),
  );
  return permissions
    .map((permission): PermissionInUse => {
      const use = held.get(permission.key);
      const tenants = [...new Set(use?.tenants ?? [])];
      return {
        permission: permission.key,
        defaultRoles: [...permission.roles],
        tenants: tenants.slice(0, tenantsListed),
        tenantCount: tenants.length,
        roles: [...new Set(use?.roles ?? [])],
      };
    })
    .filter((use) => use.defaultRoles.length > 0 || use.tenantCount > 0 || use.roles.length > 0);
};
