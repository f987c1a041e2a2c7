import type { Principal } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import { tenantScopeOf } from './assert-holds';
import {
  type AssignmentRow,
  deleteAssignment,
  type HeldRole,
  heldRolesOf,
  insertAssignment,
} from './assignments.repository';
import type { RbacDeps, RequestMeta } from './deps';
import { rbacErrors } from './errors';
import { rbacEvents } from './events';
import { permissionsOfRole, rankOfProfile, rankOfRole } from './grants';
import { rbacPermissions } from './permissions';
import { recordChange } from './record-change';
import { findRole } from './roles.repository';
import { managerScopeOf } from './roles.service';

const assignmentView = (deps: RbacDeps, { assignment, role }: HeldRole) => ({
  id: assignment.id,
  userId: assignment.userId,
  roleId: role.id,
  roleKey: role.key,
  roleName: role.name,
  rank: rankOfRole(deps.registry, role),
  locationId: assignment.locationId,
  createdBy: assignment.createdBy,
  createdAt: assignment.createdAt,
});

/** The member's base role from identity's directory; NOT_FOUND for a user of no (or another) tenant. */
const baseRoleOf = async (deps: RbacDeps, tenantId: string, userId: string): Promise<string> => {
  const role = await deps.directory.baseRoleOf(tenantId, userId);
  if (role === null) throw rbacErrors.notFound('Member');
  return role;
};

/** A member's tenant-wide rank: their base role's and that of every role they hold tenant-wide. */
const rankOfMember = (deps: RbacDeps, baseRole: string, held: readonly HeldRole[]): number =>
  Math.max(
    rankOfProfile(deps.registry, baseRole),
    ...held
      .filter(({ assignment }) => assignment.locationId === null)
      .map(({ role }) => rankOfRole(deps.registry, role)),
  );

/**
 * The rank rules every assignment change obeys: nobody touches a member
 * ranked above them, or grants (or takes away) a role ranked above their own.
 */
const assertMayChange = (
  deps: RbacDeps,
  principal: Principal,
  target: { baseRole: string; held: readonly HeldRole[] },
  roleRank: number,
) => {
  const own = principal.rank ?? 0;
  if (rankOfMember(deps, target.baseRole, target.held) > own) {
    throw rbacErrors.roleAboveOwn('You cannot change a member ranked above you');
  }
  if (roleRank > own) throw rbacErrors.roleAboveOwn();
};

/** GET /v1/rbac/users/:id/roles: the member's base role and the roles assigned to them. */
export const listUserRoles = async (deps: RbacDeps, principal: Principal, userId: string) => {
  const tenantId = tenantScopeOf(principal, rbacPermissions.roleRead);
  const baseRole = await baseRoleOf(deps, tenantId, userId);
  const held = await deps.router.withTenant(tenantId, (tx) => heldRolesOf(tx, tenantId, userId));
  return { userId, baseRole, assignments: held.map((entry) => assignmentView(deps, entry)) };
};

const assignmentChange = (event: string, view: ReturnType<typeof assignmentView>) => {
  const state = {
    userId: view.userId,
    roleId: view.roleId,
    roleName: view.roleName,
    locationId: view.locationId,
  };
  return {
    event,
    entity: { type: 'role_assignment' as const, id: view.id },
    data: { assignmentId: view.id, ...state },
    ...(event === rbacEvents.roleAssigned ? { after: state } : { before: state, after: null }),
  };
};

/**
 * One change to another member's assignments: the caller's permission checked
 * again, the member found in identity's directory, then one tenant
 * transaction that picks the assignment, applies the rank rules, writes, and
 * records the audit row and the event with it.
 */
const changeAssignments = async (
  deps: RbacDeps,
  principal: Principal,
  userId: string,
  meta: RequestMeta,
  change: {
    event: string;
    /** Handing out a role hands out its permissions: the granter must hold them all, whatever its rank. */
    grants?: boolean;
    /** The assignment to add or remove, with its role. */
    pick(tx: Tx, tenantId: string, held: readonly HeldRole[]): Promise<HeldRole>;
    apply(tx: Tx, tenantId: string, entry: HeldRole): Promise<void>;
  },
) => {
  const tenantId = managerScopeOf(principal, rbacPermissions.assignmentManage);
  // Nobody changes their own roles, even within their rank.
  if (userId === principal.id) throw rbacErrors.ownAssignments();
  const baseRole = await baseRoleOf(deps, tenantId, userId);
  // Read before the tenant transaction: the registry is platform data (another transaction).
  const enabled = change.grants ? await deps.registry.enabledFor(tenantId) : null;
  return deps.router.withTenant(tenantId, async (tx) => {
    const held = await heldRolesOf(tx, tenantId, userId);
    const entry = await change.pick(tx, tenantId, held);
    assertMayChange(deps, principal, { baseRole, held }, rankOfRole(deps.registry, entry.role));
    if (enabled) {
      const notHeld = permissionsOfRole(deps.registry, enabled, entry.role).filter(
        (permission) => !principal.permissions.includes(permission),
      );
      if (notHeld.length > 0) throw rbacErrors.permissionsNotHeld(notHeld);
    }
    await change.apply(tx, tenantId, entry);
    const view = assignmentView(deps, entry);
    await recordChange(tx, deps, { tenantId, principal, meta }, assignmentChange(change.event, view));
    return view;
  });
};

/**
 * POST /v1/rbac/users/:id/roles: gives a member a role, tenant-wide or at
 * one location. Applies on the member's next request.
 */
export const assignRole = (
  deps: RbacDeps,
  principal: Principal,
  userId: string,
  input: { roleId: string; locationId?: string | null },
  meta: RequestMeta,
) =>
  changeAssignments(deps, principal, userId, meta, {
    event: rbacEvents.roleAssigned,
    grants: true,
    async pick(tx, tenantId) {
      const role = await findRole(tx, tenantId, input.roleId);
      if (!role) throw rbacErrors.notFound('Role');
      const assignment: AssignmentRow = {
        tenantId,
        id: deps.newId(),
        userId,
        roleId: role.id,
        locationId: input.locationId ?? null,
        createdBy: principal.id,
        createdAt: deps.clock.now(),
      };
      return { assignment, role };
    },
    async apply(tx, _, { assignment }) {
      if (!(await insertAssignment(tx, assignment))) throw rbacErrors.alreadyAssigned();
    },
  });

/** DELETE /v1/rbac/users/:id/roles/:assignmentId: takes a role back; applies on the member's next request. */
export const unassignRole = (
  deps: RbacDeps,
  principal: Principal,
  userId: string,
  assignmentId: string,
  meta: RequestMeta,
) =>
  changeAssignments(deps, principal, userId, meta, {
    event: rbacEvents.roleUnassigned,
    async pick(_, __, held) {
      const found = held.find(({ assignment }) => assignment.id === assignmentId);
      if (!found) throw rbacErrors.notFound('Role assignment');
      return found;
    },
    async apply(tx, tenantId) {
      if (!(await deleteAssignment(tx, tenantId, userId, assignmentId))) {
        throw rbacErrors.notFound('Role assignment');
      }
    },
  });
