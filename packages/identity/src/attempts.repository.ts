import type { Tx } from '@tenantry/db';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { loginAttempts } from './schema/platform';

export const insertAttempt = async (tx: Tx, row: typeof loginAttempts.$inferInsert): Promise<void> => {
  await tx.insert(loginAttempts).values(row);
};

/**
 * Failures since the later of the window start and the last success: a
 * successful login clears an account's count, but not an IP's.
 */
export const recentFailures = async (tx: Tx, email: string, ip: string, since: Date) => {
  const [row] = await tx
    .select({
      account: sql<number>`count(*) filter (where ${loginAttempts.email} = ${email} and not ${loginAttempts.succeeded}
        and ${loginAttempts.createdAt} > coalesce((select max(created_at) from login_attempts
          where email = ${email} and succeeded and created_at > ${since}), ${since}))::int`,
      ip: sql<number>`count(*) filter (where ${loginAttempts.ip} = ${ip} and not ${loginAttempts.succeeded})::int`,
      lastFailure: sql<Date | null>`max(${loginAttempts.createdAt}) filter (where not ${loginAttempts.succeeded})`,
    })
    .from(loginAttempts)
    .where(
      and(
        gt(loginAttempts.createdAt, since),
        sql`(${loginAttempts.email} = ${email} or ${loginAttempts.ip} = ${ip})`,
      ),
    );
  return {
    account: row?.account ?? 0,
    ip: row?.ip ?? 0,
    lastFailure: row?.lastFailure ? new Date(row.lastFailure) : null,
  };
};

export const deleteAttemptsBefore = async (tx: Tx, before: Date): Promise<number> =>
  (
    await tx
      .delete(loginAttempts)
      .where(lt(loginAttempts.createdAt, before))
      .returning({ id: loginAttempts.id })
  ).length;

/** Failed logins per day since a date, for the console's chart. */
export const failuresPerDay = (tx: Tx, since: Date) =>
  tx
    .select({
      day: sql<string>`to_char(date_trunc('day', ${loginAttempts.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`,
      count: sql<number>`count(*)::int`,
    })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, since)))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
