import { lt } from 'drizzle-orm';
import { relayRole } from './roles';
import type { DatabaseRuntime } from './runtime';
import { idempotencyKeys } from './schema/tenant';

/**
 * Deletes expired Idempotency-Key rows in every tenant storage, as the
 * worker role whose policies let it see expired rows only. Returns the count.
 */
export const purgeExpiredIdempotencyKeys = async (db: DatabaseRuntime, now: Date): Promise<number> => {
  let deleted = 0;
  const failures: unknown[] = [];
  for (const storage of [null, ...(await db.router.isolatedProfiles())]) {
    try {
      deleted += await db.router.withStorage(
        storage,
        relayRole,
        async (tx) =>
          (
            await tx
              .delete(idempotencyKeys)
              .where(lt(idempotencyKeys.expiresAt, now))
              .returning({ key: idempotencyKeys.key })
          ).length,
      );
    } catch (error) {
      // One unreachable tenant database must not stop the upkeep of the others.
      failures.push(error);
    }
  }
  if (failures.length) throw new AggregateError(failures, `${failures.length} tenant storage(s) failed`);
  return deleted;
};
