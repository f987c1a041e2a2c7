import type { Tx } from '@tenantry/db';
import { and, asc, eq } from 'drizzle-orm';
import { roleAssignments, roles } from './schema';

export type AssignmentRow = typeof roleAssignments.$inferSelect;

/** An assignment with the role it grants. */
export interface HeldRole {
  assignment: AssignmentRow;
  role: typeof roles.$inferSelect;
}

const joined = (tx: Tx) =>
  tx
    .select({ assignment: roleAssignments, role: roles })
    .from(roleAssignments)
    .innerJoin(
      roles,
      and(eq(roles.tenantId, roleAssignments.tenantId), eq(roles.id, roleAssignments.roleId)),
    );

/** One user's assignments with their roles, oldest first. */
export const heldRolesOf = (tx: Tx, tenantId: string, userId: string): Promise<HeldRole[]> =>
  joined(tx)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.userId, userId)))
    .orderBy(asc(roleAssignments.createdAt), asc(roleAssignments.id));

/** Every assignment of the tenant with its role. */
export const heldRolesOfTenant = (tx: Tx, tenantId: string): Promise<HeldRole[]> =>
  joined(tx).where(eq(roleAssignments.tenantId, tenantId));

/** Inserts an assignment; false when the user already holds that role at that location. */
export const insertAssignment = async (tx: Tx, row: AssignmentRow): Promise<boolean> =>
  (await tx.insert(roleAssignments).values(row).onConflictDoNothing().returning({ id: roleAssignments.id }))
    .length > 0;

export const deleteAssignment = async (
  tx: Tx,
  tenantId: string,
  userId: string,
  id: string,
): Promise<AssignmentRow | null> =>
  (
    await tx
      .delete(roleAssignments)
      .where(
        and(
          eq(roleAssignments.tenantId, tenantId),
          eq(roleAssignments.userId, userId),
          eq(roleAssignments.id, id),
        ),
      )
      .returning()
  )[0] ?? null;

/** Every role assignment of a user in the tenant: dropped when they leave it. */
export const deleteAssignmentsOfUser = async (tx: Tx, tenantId: string, userId: string): Promise<number> =>
  (
    await tx
      .delete(roleAssignments)
      .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.userId, userId)))
      .returning({ id: roleAssignments.id })
  ).length;
