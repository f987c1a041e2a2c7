import type { Tx } from '@tenantry/db';
import { asc, eq } from 'drizzle-orm';
import { featureFlags } from './schema';

export type FeatureFlagRow = typeof featureFlags.$inferSelect;

export const listFlags = (tx: Tx, options: { includeArchived: boolean }): Promise<FeatureFlagRow[]> =>
  options.includeArchived
    ? tx.select().from(featureFlags).orderBy(asc(featureFlags.key))
    : tx.select().from(featureFlags).where(eq(featureFlags.archived, false)).orderBy(asc(featureFlags.key));

export const lockFlag = async (tx: Tx, key: string): Promise<FeatureFlagRow | null> =>
  (await tx.select().from(featureFlags).where(eq(featureFlags.key, key)).for('update'))[0] ?? null;

export const findFlag = async (tx: Tx, key: string): Promise<FeatureFlagRow | null> =>
  (await tx.select().from(featureFlags).where(eq(featureFlags.key, key)))[0] ?? null;

/** Inserts unless the key exists (archived included); returns whether it did. */
export const insertFlag = async (tx: Tx, row: typeof featureFlags.$inferInsert): Promise<boolean> =>
  (await tx.insert(featureFlags).values(row).onConflictDoNothing().returning({ key: featureFlags.key }))
    .length === 1;

export const updateFlag = async (tx: Tx, key: string, values: Partial<FeatureFlagRow>): Promise<void> => {
  await tx.update(featureFlags).set(values).where(eq(featureFlags.key, key));
};
