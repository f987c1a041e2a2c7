import { dbConfigFromEnv } from './config';
import { createDatabaseRuntime } from './runtime';

// `pnpm db:migrate`: applies pending migrations to the configured (or embedded) database.
const runtime = await createDatabaseRuntime(dbConfigFromEnv());
try {
  const applied = await runtime.migrate();
  console.log(
    applied.length ? `applied ${applied.length} migrations:\n  ${applied.join('\n  ')}` : 'up to date',
  );
} finally {
  await runtime.close();
}
