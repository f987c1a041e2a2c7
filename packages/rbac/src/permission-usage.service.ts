import type { PermissionUse } from '@tenantry/module-registry';
import type { RbacDeps } from './deps';
import { customRolesHolding } from './roles.repository';

/**
 * Which tenants' custom roles hold any of the given permissions: what the
 * module registry asks before a permission may vanish from the catalogue.
 * (Built-in roles hold the catalogue's defaults, which the registry knows.)
 * One read per tenant, each under that tenant's RLS in its own storage; for
 * superadmin catalogue edits, not for request paths.
 */
export const permissionUsage = async (
  deps: Pick<RbacDeps, 'router'>,
  tenantIds: readonly string[],
  permissions: readonly string[],
): Promise<PermissionUse[]> => {
  if (permissions.length === 0) return [];
  const uses = new Map(
    permissions.map((permission) => [permission, { tenants: new Set<string>(), roles: new Set<string>() }]),
  );
  for (const tenantId of tenantIds) {
    const held = await deps.router.withTenant(tenantId, (tx) =>
      customRolesHolding(tx, tenantId, permissions),
    );
    for (const role of held) {
      for (const permission of role.permissions) {
        const use = uses.get(permission);
        use?.tenants.add(tenantId);
        use?.roles.add(role.name);
      }
    }
  }
  return [...uses]
    .filter(([, use]) => use.tenants.size > 0)
    .map(([permission, use]) => ({ permission, tenants: [...use.tenants], roles: [...use.roles] }));
};
