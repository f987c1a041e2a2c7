import type { Tx } from '@tenantry/db';
import { gte, lt, sql } from 'drizzle-orm';
import { tenants } from './schema/platform';

/** Tenants created per UTC day from a date on, for the growth chart. */
export const tenantsCreatedPerDay = (tx: Tx, since: Date) =>
  tx
    .select({
      day: sql<string>`to_char(date_trunc('day', ${tenants.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`,
      count: sql<number>`count(*)::int`,
    })
    .from(tenants)
    .where(gte(tenants.createdAt, since))
    .groupBy(sql`1`)
    .orderBy(sql`1`);

/** Tenants created before a date: where the growth chart's running total starts. */
export const countTenantsCreatedBefore = async (tx: Tx, before: Date): Promise<number> =>
  (
    await tx.select({ value: sql<number>`count(*)::int` }).from(tenants).where(lt(tenants.createdAt, before))
  )[0]?.value ?? 0;
