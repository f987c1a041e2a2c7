import type { Tx } from '@tenantry/db';
import { and, desc, eq, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import { tenants } from './schema/platform';

export type TenantRow = typeof tenants.$inferSelect;
export type TenantStatus = 'pending' | 'active' | 'suspended';

export const insertTenant = async (tx: Tx, row: typeof tenants.$inferInsert): Promise<void> => {
  await tx.insert(tenants).values(row);
};

export const findTenant = async (tx: Tx, id: string): Promise<TenantRow | null> =>
  (await tx.select().from(tenants).where(eq(tenants.id, id)))[0] ?? null;

export const findTenantBySlug = async (tx: Tx, slug: string): Promise<TenantRow | null> =>
  (await tx.select().from(tenants).where(eq(tenants.slug, slug)))[0] ?? null;

/** Locks the row so concurrent lifecycle changes of one tenant apply one after another. */
export const lockTenant = async (tx: Tx, id: string): Promise<TenantRow | null> =>
  (await tx.select().from(tenants).where(eq(tenants.id, id)).for('update'))[0] ?? null;

export const updateTenant = async (tx: Tx, id: string, values: Partial<TenantRow>): Promise<void> => {
  await tx.update(tenants).set(values).where(eq(tenants.id, id));
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (match) => `\\${match}`);

/** Newest first; the cursor is the last id of the previous page (UUIDv7 ids sort by creation). */
export const listTenants = (
  tx: Tx,
  filter: { status?: TenantStatus; q?: string; after?: string; limit: number },
): Promise<TenantRow[]> => {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(tenants.status, filter.status));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    conditions.push(or(ilike(tenants.name, pattern), ilike(tenants.slug, pattern)) as SQL);
  }
  if (filter.after) conditions.push(lt(tenants.id, filter.after));
  return tx
    .select()
    .from(tenants)
    .where(and(...conditions))
    .orderBy(desc(tenants.id))
    .limit(filter.limit);
};

export const countTenantsByStatus = (tx: Tx) =>
  tx
    .select({ status: tenants.status, count: sql<number>`count(*)::int` })
    .from(tenants)
    .groupBy(tenants.status);

/** Every tenant, whatever its status: the census other domains' platform figures start from. */
export const countAllTenants = async (tx: Tx): Promise<number> =>
  (await tx.select({ value: sql<number>`count(*)::int` }).from(tenants))[0]?.value ?? 0;
