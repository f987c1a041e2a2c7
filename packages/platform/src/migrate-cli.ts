import { createDatabaseRuntime, dbConfigFromEnv } from '@tenantry/db';
import { migrationPlan } from './migration-plan';
import { prepareDatabase } from './prepare-database';

// `pnpm db:migrate`: applies pending migrations to the configured (or embedded) database.
const runtime = await createDatabaseRuntime(dbConfigFromEnv(), migrationPlan);
try {
  const { applied } = await prepareDatabase(runtime);
  console.log(
    applied.length ? `applied ${applied.length} migrations:\n  ${applied.join('\n  ')}` : 'up to date',
  );
} finally {
  await runtime.close();
}
