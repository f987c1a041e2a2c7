import type { Principal } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import type { TenantModules } from '@tenantry/module-registry';
import { tenantScopeOf } from './assert-holds';
import { seedBuiltInRoles } from './built-in-roles';
import type { RbacDeps, RequestMeta } from './deps';
import { rbacErrors } from './errors';
import { rbacEvents } from './events';
import { permissionsOfRole, rankOfRole } from './grants';
import { rbacPermissions } from './permissions';
import { recordChange } from './record-change';
import {
  deleteRoleWithAssignments,
  insertRole,
  listRoles as listRoleRows,
  lockRole,
  type RoleRow,
  updateRole as updateRoleRow,
} from './roles.repository';

/** A role as clients see it: built-in roles with their effective (registry) permissions. */
export const roleView = (deps: RbacDeps, enabled: TenantModules, row: RoleRow) => ({
  id: row.id,
  key: row.key,
  name: row.name,
  rank: rankOfRole(deps.registry, row),
  builtIn: row.builtIn,
  permissions: permissionsOfRole(deps.registry, enabled, row),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** The tenant's roles, the built-in ones seeded first if the tenant predates them. */
export const tenantRoles = async (deps: RbacDeps, tx: Tx, tenantId: string): Promise<RoleRow[]> => {
  await seedBuiltInRoles(tx, tenantId, deps.registry.roleProfiles, deps);
  return listRoleRows(tx, tenantId);
};

/** Roles and assignments change through people: an API key holds no role and no rank. */
export const managerScopeOf = (principal: Principal, permission: string): string => {
  const tenantId = tenantScopeOf(principal, permission);
  if (principal.kind !== 'user') throw rbacErrors.membersOnly();
  return tenantId;
};

const rankOfPrincipal = (principal: Principal): number => principal.rank ?? 0;

/**
 * Permissions a role may be given by this principal: each must be defined by
 * an enabled module (422 otherwise) and held by the principal (403 otherwise).
 */
const assertGrantable = (principal: Principal, enabled: TenantModules, permissions: readonly string[]) => {
  const unknown = permissions.filter((permission) => !enabled.permissions.has(permission));
  if (unknown.length > 0) throw rbacErrors.unknownPermissions(unknown);
  const notHeld = permissions.filter((permission) => !principal.permissions.includes(permission));
  if (notHeld.length > 0) throw rbacErrors.permissionsNotHeld(notHeld);
};

/** What an audit row keeps of a custom role. */
const stateOf = (role: Pick<RoleRow, 'name' | 'rank' | 'permissions'>) => ({
  name: role.name,
  rank: role.rank,
  permissions: role.permissions,
});

/** GET /v1/rbac/permissions: what the tenant's enabled modules define, and which built-in roles hold it. */
export const listPermissions = async (deps: RbacDeps, principal: Principal) => {
  const tenantId = tenantScopeOf(principal, rbacPermissions.permissionRead);
  const enabled = await deps.registry.enabledFor(tenantId);
  return enabled.modules.flatMap((module) =>
    module.permissions.map((permission) => ({
      key: permission.key,
      module: module.key,
      description: permission.description,
      roles: [...permission.roles],
    })),
  );
};

/** GET /v1/rbac/roles: highest rank first. */
export const listRoles = async (deps: RbacDeps, principal: Principal) => {
  const tenantId = tenantScopeOf(principal, rbacPermissions.roleRead);
  const enabled = await deps.registry.enabledFor(tenantId);
  const rows = await deps.router.withTenant(tenantId, (tx) => tenantRoles(deps, tx, tenantId));
  return rows.map((row) => roleView(deps, enabled, row));
};

/**
 * POST /v1/rbac/roles: a custom role with a subset of the caller's own
 * permissions, ranked at most the caller's rank (1 unless given).
 */
export const createRole = async (
  deps: RbacDeps,
  principal: Principal,
  input: { name: string; permissions: readonly string[]; rank?: number },
  meta: RequestMeta,
) => {
  const tenantId = managerScopeOf(principal, rbacPermissions.roleManage);
  const rank = input.rank ?? 1;
  if (rank > rankOfPrincipal(principal)) throw rbacErrors.roleAboveOwn();
  const enabled = await deps.registry.enabledFor(tenantId);
  const permissions = [...new Set(input.permissions)].sort();
  assertGrantable(principal, enabled, permissions);
  const now = deps.clock.now();
  const row: RoleRow = {
    tenantId,
    id: deps.newId(),
    key: null,
    name: input.name,
    rank,
    permissions,
    builtIn: false,
    createdAt: now,
    updatedAt: now,
  };
  await deps.router.withTenant(tenantId, async (tx) => {
    // Built-in names are reserved before any custom role can take one.
    await seedBuiltInRoles(tx, tenantId, deps.registry.roleProfiles, deps);
    if (!(await insertRole(tx, row))) throw rbacErrors.nameTaken();
    await recordChange(
      tx,
      deps,
      { tenantId, principal, meta },
      {
        event: rbacEvents.roleCreated,
        entity: { type: 'role', id: row.id },
        data: { roleId: row.id, ...stateOf(row) },
        after: stateOf(row),
      },
    );
  });
  return roleView(deps, enabled, row);
};

/**
 * One change to a custom role, in one tenant transaction: the role locked and
 * checked (it exists, is not built in, and ranks at most the caller's rank),
 * changed, then its audit row and event recorded with it.
 */
const changeCustomRole = async <T>(
  deps: RbacDeps,
  principal: Principal,
  id: string,
  meta: RequestMeta,
  change: {
    event: string;
    apply(
      tx: Tx,
      tenantId: string,
      role: RoleRow,
    ): Promise<{ result: T; after: ReturnType<typeof stateOf> | null; data?: Record<string, unknown> }>;
  },
): Promise<T> => {
  const tenantId = managerScopeOf(principal, rbacPermissions.roleManage);
  return deps.router.withTenant(tenantId, async (tx) => {
    const role = await lockRole(tx, tenantId, id);
    if (!role) throw rbacErrors.notFound('Role');
    if (role.builtIn) throw rbacErrors.builtInRole();
    if (role.rank > rankOfPrincipal(principal)) throw rbacErrors.roleAboveOwn();
    // Editing or deleting a role is a say over every permission in it: only one who holds them all.
    const notHeld = role.permissions.filter((permission) => !principal.permissions.includes(permission));
    if (notHeld.length > 0) throw rbacErrors.permissionsNotHeld(notHeld);
    const { result, after, data } = await change.apply(tx, tenantId, role);
    await recordChange(
      tx,
      deps,
      { tenantId, principal, meta },
      {
        event: change.event,
        entity: { type: 'role', id },
        data: { roleId: id, ...(after ?? { name: role.name }), ...data },
        before: stateOf(role),
        after,
      },
    );
    return result;
  });
};

/**
 * PATCH /v1/rbac/roles/:id: permissions added must be the caller's own and of
 * enabled modules; the new rank stays at most the caller's. Holders get the
 * change on their next request.
 */
export const updateRole = async (
  deps: RbacDeps,
  principal: Principal,
  id: string,
  input: { name?: string; permissions?: readonly string[]; rank?: number },
  meta: RequestMeta,
) => {
  const tenantId = managerScopeOf(principal, rbacPermissions.roleManage);
  if (input.rank !== undefined && input.rank > rankOfPrincipal(principal)) throw rbacErrors.roleAboveOwn();
  // Read before the tenant transaction: the registry is platform data (another transaction).
  const enabled = await deps.registry.enabledFor(tenantId);
  return changeCustomRole(deps, principal, id, meta, {
    event: rbacEvents.roleUpdated,
    async apply(tx, _, role) {
      const permissions = input.permissions ? [...new Set(input.permissions)].sort() : role.permissions;
      assertGrantable(
        principal,
        enabled,
        permissions.filter((permission) => !role.permissions.includes(permission)),
      );
      const changes = {
        name: input.name ?? role.name,
        rank: input.rank ?? role.rank,
        permissions,
        updatedAt: deps.clock.now(),
      };
      if (!(await updateRoleRow(tx, tenantId, id, changes))) throw rbacErrors.nameTaken();
      const updated = { ...role, ...changes };
      return { result: roleView(deps, enabled, updated), after: stateOf(updated) };
    },
  });
};

/** DELETE /v1/rbac/roles/:id: a custom role and every assignment of it; says how many went. */
export const deleteRole = (deps: RbacDeps, principal: Principal, id: string, meta: RequestMeta) =>
  changeCustomRole(deps, principal, id, meta, {
    event: rbacEvents.roleDeleted,
    async apply(tx, tenantId) {
      const assignmentsRemoved = await deleteRoleWithAssignments(tx, tenantId, id);
      return { result: { id, assignmentsRemoved }, after: null, data: { assignmentsRemoved } };
    },
  });
