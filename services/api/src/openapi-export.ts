import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabaseRuntime, dbConfigFromEnv } from '@tenantry/db';
import { identityConfigFromEnv } from '@tenantry/identity';
import { migrationPlan, prepareDatabase } from '@tenantry/platform';
import { buildApp } from './app';
import { apiConfigFromEnv } from './config';
import { createPlatformModules } from './platform-modules';

/**
 * The OpenAPI document exactly as /v1/openapi.json serves it, built in-process
 * so the SDK can be generated on a fresh clone with no server running.
 *
 * The app is wired by the same composition as main.ts, on a throwaway
 * embedded database: some modules read the database while they start, and the
 * document must not depend on whatever DATABASE_URL, DATA_DIR or other
 * variables the caller's shell happens to hold, so every config is read from
 * an empty environment.
 */
export const exportOpenApiDocument = async (): Promise<object> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'tenantry-openapi-'));
  try {
    const db = await createDatabaseRuntime({ ...dbConfigFromEnv({}), dataDir }, migrationPlan);
    try {
      await prepareDatabase(db);
      const modules = await createPlatformModules({ db, identityConfig: identityConfigFromEnv({}) });
      const app = await buildApp({
        config: apiConfigFromEnv({}),
        db,
        authenticate: modules.authenticate,
        tenantRequestLimit: modules.tenantRequestLimit,
        routes: modules.routes,
        metrics: false,
      });
      try {
        const response = await app.inject({ method: 'GET', url: '/v1/openapi.json' });
        if (response.statusCode !== 200) {
          throw new Error(`GET /v1/openapi.json answered ${response.statusCode}: ${response.body}`);
        }
        return response.json() as object;
      } finally {
        await app.close();
      }
    } finally {
      await db.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
};
