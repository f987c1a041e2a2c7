import type { Principal } from '@tenantry/core';
import { tenantScopeOf } from './assert-holds';
import { heldRolesOfTenant } from './assignments.repository';
import type { RbacDeps } from './deps';
import { permissionsOfRole, rankOfRole } from './grants';
import { rbacPermissions } from './permissions';
import { tenantRoles } from './roles.service';

/**
 * GET /v1/rbac/permission-matrix: for each permission of the enabled modules,
 * how many members hold it, overall and through each role. A member holds a
 * built-in role as their base role or by assignment, a custom role by
 * assignment; location-scoped assignments count (the member holds the role
 * somewhere). Assignments of people who left the tenant do not count.
 */
export const permissionMatrix = async (deps: RbacDeps, principal: Principal) => {
  const tenantId = tenantScopeOf(principal, rbacPermissions.matrixRead);
  const [enabled, members] = await Promise.all([
    deps.registry.enabledFor(tenantId),
    deps.directory.membersOf(tenantId),
  ]);
  const { roles, held } = await deps.router.withTenant(tenantId, async (tx) => ({
    roles: await tenantRoles(deps, tx, tenantId),
    held: await heldRolesOfTenant(tx, tenantId),
  }));
  const memberIds = new Set(members.map((member) => member.userId));
  const holders = new Map(roles.map((role) => [role.id, new Set<string>()]));
  for (const role of roles) {
    if (!role.key) continue;
    for (const member of members) if (member.role === role.key) holders.get(role.id)?.add(member.userId);
  }
  for (const { assignment } of held) {
    if (memberIds.has(assignment.userId)) holders.get(assignment.roleId)?.add(assignment.userId);
  }
  const granted = new Map(
    roles.map((role) => [role.id, new Set(permissionsOfRole(deps.registry, enabled, role))]),
  );
  const holdersOf = (roleId: string) => holders.get(roleId) ?? new Set<string>();
  return {
    roles: roles.map((role) => ({
      id: role.id,
      key: role.key,
      name: role.name,
      rank: rankOfRole(deps.registry, role),
      builtIn: role.builtIn,
      members: holdersOf(role.id).size,
    })),
    permissions: enabled.modules.flatMap((module) =>
      module.permissions.map((permission) => {
        const through = roles.filter((role) => granted.get(role.id)?.has(permission.key));
        const users = new Set(through.flatMap((role) => [...holdersOf(role.id)]));
        return {
          key: permission.key,
          module: module.key,
          description: permission.description,
          users: users.size,
          byRole: Object.fromEntries(
            roles.map((role) => [role.id, through.includes(role) ? holdersOf(role.id).size : 0]),
          ),
        };
      }),
    ),
  };
};
