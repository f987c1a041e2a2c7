import type { Tx } from '@tenantry/db';
import { and, arrayOverlaps, asc, desc, eq, sql } from 'drizzle-orm';
import { roleAssignments, roles } from './schema';

export type RoleRow = typeof roles.$inferSelect;

/** Inserts roles, skipping any that already exist (same key or name); returns how many were new. */
export const insertRolesIfMissing = async (tx: Tx, rows: (typeof roles.$inferInsert)[]): Promise<number> =>
  rows.length === 0 ? 0 : (await tx.insert(roles).values(rows).onConflictDoNothing().returning()).length;

/** The built-in profile keys a tenant has rows for. */
export const builtInKeysOf = async (tx: Tx, tenantId: string): Promise<string[]> =>
  (
    await tx
      .select({ key: roles.key })
      .from(roles)
      .where(and(eq(roles.tenantId, tenantId), eq(roles.builtIn, true)))
  ).flatMap((row) => (row.key ? [row.key] : []));

/** Highest rank first, then by name. */
export const listRoles = (tx: Tx, tenantId: string): Promise<RoleRow[]> =>
  tx
    .select()
    .from(roles)
    .where(eq(roles.tenantId, tenantId))
    .orderBy(desc(roles.rank), asc(sql`lower(${roles.name})`));

export const findRole = async (tx: Tx, tenantId: string, id: string): Promise<RoleRow | null> =>
  (
    await tx
      .select()
      .from(roles)
      .where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)))
  )[0] ?? null;

/** The role under a row lock, for a change that must not race an assignment. */
export const lockRole = async (tx: Tx, tenantId: string, id: string): Promise<RoleRow | null> =>
  (
    await tx
      .select()
      .from(roles)
      .where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)))
      .for('update')
  )[0] ?? null;

/** Inserts a role; false when its name is taken. */
export const insertRole = async (tx: Tx, row: typeof roles.$inferInsert): Promise<boolean> =>
  (await tx.insert(roles).values(row).onConflictDoNothing().returning({ id: roles.id })).length > 0;

/** Updates a role; false when the new name is taken by another role. */
export const updateRole = async (
  tx: Tx,
  tenantId: string,
  id: string,
  values: Partial<Pick<RoleRow, 'name' | 'rank' | 'permissions' | 'updatedAt'>>,
): Promise<boolean> => {
  if (values.name !== undefined) {
    const clash = await tx
      .select({ id: roles.id })
      .from(roles)
      .where(
        and(
          eq(roles.tenantId, tenantId),
          sql`lower(${roles.name}) = lower(${values.name})`,
          sql`${roles.id} <> ${id}`,
        ),
      );
    if (clash.length > 0) return false;
  }
  await tx
    .update(roles)
    .set(values)
    .where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)));
  return true;
};

/** Deletes a role and its assignments; returns how many assignments went with it. */
export const deleteRoleWithAssignments = async (tx: Tx, tenantId: string, id: string): Promise<number> => {
  const removed = await tx
    .delete(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.roleId, id)))
    .returning({ id: roleAssignments.id });
  await tx.delete(roles).where(and(eq(roles.tenantId, tenantId), eq(roles.id, id)));
  return removed.length;
};

/** The tenant's custom roles holding any of the given permissions. */
export const customRolesHolding = (tx: Tx, tenantId: string, permissions: readonly string[]) =>
  tx
    .select({ name: roles.name, permissions: roles.permissions })
    .from(roles)
    .where(
      and(
        eq(roles.tenantId, tenantId),
        eq(roles.builtIn, false),
        arrayOverlaps(roles.permissions, [...permissions]),
      ),
    );
