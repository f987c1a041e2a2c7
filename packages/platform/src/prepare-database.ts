import { systemClock } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
import { syncCatalogue } from '@tenantry/module-registry';

/**
 * Migrates, then loads reference data that ships with the code (the module
 * catalogue). Every start, `pnpm db:migrate` and the test template run it.
 */
export const prepareDatabase = async (
  db: DatabaseRuntime,
): Promise<{ applied: string[]; modulesAdded: string[] }> => {
  const applied = await db.migrate();
  const modulesAdded = await syncCatalogue(db.router, { clock: systemClock });
  return { applied, modulesAdded };
};
