import type { Tx } from '@tenantry/db';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { memberships, tenants, users } from './schema/platform';

export type UserRow = typeof users.$inferSelect;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const insertUser = async (tx: Tx, row: typeof users.$inferInsert): Promise<void> => {
  await tx.insert(users).values(row);
};

export const findUser = async (tx: Tx, id: string): Promise<UserRow | null> =>
  (await tx.select().from(users).where(eq(users.id, id)))[0] ?? null;

export const findUserByEmail = async (tx: Tx, email: string): Promise<UserRow | null> =>
  (
    await tx
      .select()
      .from(users)
      .where(eq(users.email, normalizeEmail(email)))
  )[0] ?? null;

export const updateUser = async (tx: Tx, id: string, values: Partial<UserRow>): Promise<void> => {
  await tx.update(users).set(values).where(eq(users.id, id));
};

export const superadminExists = async (tx: Tx): Promise<boolean> =>
  (await tx.select({ id: users.id }).from(users).where(eq(users.isSuperadmin, true)).limit(1)).length > 0;

/** Serialises the first-superadmin check across concurrent setup calls. */
export const lockSuperadminSetup = async (tx: Tx): Promise<void> => {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tenantry.superadmin.setup'))`);
};

export const insertMembership = async (tx: Tx, row: typeof memberships.$inferInsert): Promise<void> => {
  await tx.insert(memberships).values(row);
};

export const findMembership = async (tx: Tx, tenantId: string, userId: string) =>
  (
    await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
  )[0] ?? null;

export const membershipsOfUser = (tx: Tx, userId: string) =>
  tx
    .select({
      tenantId: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      status: tenants.status,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(tenants.slug));

export const membersOfTenant = (tx: Tx, tenantId: string) =>
  tx
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      status: users.status,
      mfaEnabled: sql<boolean>`${users.mfaEnabledAt} is not null`,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(asc(memberships.createdAt));

export const setMembershipRole = async (tx: Tx, tenantId: string, userId: string, role: string) => {
  await tx
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
};

export const deleteMembership = async (tx: Tx, tenantId: string, userId: string) => {
  await tx.delete(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
};

/** Owners of a tenant, rows locked: the last-owner rule holds under concurrent changes. */
export const lockOwners = async (tx: Tx, tenantId: string): Promise<string[]> =>
  (
    await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, 'owner')))
      .for('update')
  ).map((row) => row.userId);

export const countMembers = async (tx: Tx, tenantId: string): Promise<number> =>
  (await tx.select({ value: count() }).from(memberships).where(eq(memberships.tenantId, tenantId)))[0]
    ?.value ?? 0;
