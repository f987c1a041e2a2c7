import type { DatabaseRuntime } from '@tenantry/db';

/**
 * Creates the audit partitions of the coming months in every tenant storage
 * (the worker runs it daily; the migration ran it once). Returns how many
 * partitions were created.
 */
export const ensureAuditPartitions = async (
  runtime: DatabaseRuntime,
  options: { monthsAhead?: number; from?: Date } = {},
): Promise<number> => {
  let created = 0;
  const from = (options.from ?? new Date()).toISOString().slice(0, 10);
  await runtime.forEachTenantStorage(async (session) => {
    const result = await session.query<{ created: number }>(
      'select audit_ensure_partitions($1, $2::date) as created',
      [options.monthsAhead ?? 3, from],
    );
    created += result.rows[0]?.created ?? 0;
  });
  return created;
};
