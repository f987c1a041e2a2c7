import { deleteAssignmentsOfUser, heldRolesOf } from './assignments.repository';
import type { RbacDeps } from './deps';
import { rankOfRole } from './grants';

/** The highest rank among the roles a user holds tenant-wide through RBAC (0 without any). */
export const assignedRank = (deps: RbacDeps, tenantId: string, userId: string): Promise<number> =>
  deps.router.withTenant(tenantId, async (tx) =>
    Math.max(
      0,
      ...(await heldRolesOf(tx, tenantId, userId))
        .filter(({ assignment }) => assignment.locationId === null)
        .map(({ role }) => rankOfRole(deps.registry, role)),
    ),
  );

/** A member left the tenant: their assignments go, so a later re-join starts from its new base role. */
export const dropAssignmentsOf = (deps: RbacDeps, tenantId: string, userId: string): Promise<number> =>
  deps.router.withTenant(tenantId, (tx) => deleteAssignmentsOfUser(tx, tenantId, userId));
