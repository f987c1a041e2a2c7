import type { Tx } from '@tenantry/db';
import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { memberships, refreshTokens, sessions, tenants, users } from './schema/platform';

export type SessionRow = typeof sessions.$inferSelect;

export const insertSession = async (tx: Tx, row: typeof sessions.$inferInsert): Promise<void> => {
  await tx.insert(sessions).values(row);
};

export const insertRefreshToken = async (tx: Tx, row: typeof refreshTokens.$inferInsert): Promise<void> => {
  await tx.insert(refreshTokens).values(row);
};

/** The token's row and its session, locked: two concurrent refreshes with one token cannot both rotate. */
export const lockRefreshToken = async (tx: Tx, tokenHash: string) =>
  (
    await tx
      .select({ token: refreshTokens, session: sessions })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .where(eq(refreshTokens.tokenHash, tokenHash))
      .for('update')
  )[0] ?? null;

export const markRefreshTokenUsed = async (tx: Tx, tokenHash: string, at: Date) => {
  await tx.update(refreshTokens).set({ usedAt: at }).where(eq(refreshTokens.tokenHash, tokenHash));
};

export const touchSession = async (tx: Tx, id: string, at: Date, expiresAt: Date) => {
  await tx.update(sessions).set({ lastSeenAt: at, expiresAt }).where(eq(sessions.id, id));
};

export const liveSessionsOfUser = (tx: Tx, userId: string, now: Date) =>
  tx
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(asc(sessions.createdAt));

export const findSession = async (tx: Tx, id: string): Promise<SessionRow | null> =>
  (await tx.select().from(sessions).where(eq(sessions.id, id)))[0] ?? null;

/** Ends live sessions matching a condition; returns the ended ids (for the access-token denylist). */
const revokeWhere = async (tx: Tx, where: ReturnType<typeof and>, at: Date, reason: string) =>
  (
    await tx
      .update(sessions)
      .set({ revokedAt: at, revokedReason: reason })
      .where(and(where, isNull(sessions.revokedAt)))
      .returning({ id: sessions.id })
  ).map((row) => row.id);

export const revokeSessions = (tx: Tx, ids: readonly string[], at: Date, reason: string) =>
  ids.length === 0 ? Promise.resolve([]) : revokeWhere(tx, inArray(sessions.id, [...ids]), at, reason);

export const revokeSessionsOfUser = (tx: Tx, userId: string, at: Date, reason: string) =>
  revokeWhere(tx, eq(sessions.userId, userId), at, reason);

export const revokeSessionsOfTenant = (tx: Tx, tenantId: string, at: Date, reason: string) =>
  revokeWhere(tx, eq(sessions.tenantId, tenantId), at, reason);

export const revokeSessionsOfMember = (tx: Tx, tenantId: string, userId: string, at: Date, reason: string) =>
  revokeWhere(tx, and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId)), at, reason);

/**
 * What a request needs to know about its token's session, read fresh each
 * request so a revocation, a suspension or a role change applies at once.
 */
export const sessionContext = async (tx: Tx, sessionId: string) =>
  (
    await tx
      .select({
        userId: sessions.userId,
        tenantId: sessions.tenantId,
        revokedAt: sessions.revokedAt,
        expiresAt: sessions.expiresAt,
        userStatus: users.status,
        isSuperadmin: users.isSuperadmin,
        tenantStatus: tenants.status,
        role: memberships.role,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(tenants, eq(tenants.id, sessions.tenantId))
      .leftJoin(
        memberships,
        and(eq(memberships.tenantId, sessions.tenantId), eq(memberships.userId, sessions.userId)),
      )
      .where(eq(sessions.id, sessionId))
  )[0] ?? null;

/** Distinct users seen in a window (login or refresh), for the activity figures. */
export const countActiveUsers = async (tx: Tx, since: Date): Promise<number> =>
  (
    await tx
      .select({ value: sql<number>`count(distinct ${sessions.userId})::int` })
      .from(sessions)
      .where(gt(sessions.lastSeenAt, since))
  )[0]?.value ?? 0;

export const recentSessions = (tx: Tx, userId: string, limit: number) =>
  tx
    .select()
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.createdAt))
    .limit(limit);
