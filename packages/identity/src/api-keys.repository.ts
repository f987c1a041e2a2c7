import type { Tx } from '@tenantry/db';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { apiKeys } from './schema/tenant';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export const insertApiKey = async (tx: Tx, row: typeof apiKeys.$inferInsert): Promise<void> => {
  await tx.insert(apiKeys).values(row);
};

export const findLiveApiKeyByHash = async (
  tx: Tx,
  tenantId: string,
  keyHash: string,
): Promise<ApiKeyRow | null> =>
  (
    await tx
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
  )[0] ?? null;

/** Records use at most once per interval, so a busy integration does not write on every request. */
export const touchApiKey = async (tx: Tx, tenantId: string, id: string, at: Date, staleBefore: Date) => {
  await tx
    .update(apiKeys)
    .set({ lastUsedAt: at })
    .where(
      and(
        eq(apiKeys.tenantId, tenantId),
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore)),
      ),
    );
};

export const listApiKeys = (tx: Tx, tenantId: string) =>
  tx.select().from(apiKeys).where(eq(apiKeys.tenantId, tenantId)).orderBy(desc(apiKeys.createdAt));

export const revokeApiKey = async (
  tx: Tx,
  tenantId: string,
  id: string,
  at: Date,
): Promise<ApiKeyRow | null> =>
  (
    await tx
      .update(apiKeys)
      .set({ revokedAt: at })
      .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning()
  )[0] ?? null;

/** Revokes every live key a user created in the tenant; returns their ids. */
export const revokeApiKeysCreatedBy = async (
  tx: Tx,
  tenantId: string,
  userId: string,
  at: Date,
): Promise<string[]> =>
  (
    await tx
      .update(apiKeys)
      .set({ revokedAt: at })
      .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.createdBy, userId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id })
  ).map((row) => row.id);
