import { apiConfigFromEnv, buildApp, createPlatformModules } from '@tenantry/api';
import type { Clock } from '@tenantry/core';
import { createDatabaseRuntime } from '@tenantry/db';
import { identityConfigFromEnv } from '@tenantry/identity';
import { migrationPlan } from '@tenantry/platform';
import { createTestDatabase } from '@tenantry/testing';

export interface RealApi {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The real API, wired as main.ts wires it, listening on a loopback port over
 * its own database cloned from the run's template: the SDK is tested over
 * real HTTP, not inject.
 */
export const startRealApi = async (clock: Clock): Promise<RealApi> => {
  const database = await createTestDatabase();
  const db = await createDatabaseRuntime(database.config, migrationPlan);
  const modules = await createPlatformModules({
    db,
    identityConfig: identityConfigFromEnv({ PUBLIC_URL: 'http://tenantry.test' }),
    clock,
  });
  const app = await buildApp({
    config: {
      ...apiConfigFromEnv({}),
      rateLimit: { windowMs: 60_000, tenantMax: 10_000, anonymousMax: 10_000 },
    },
    db,
    clock,
    authenticate: modules.authenticate,
    tenantRequestLimit: modules.tenantRequestLimit,
    routes: modules.routes,
    metrics: false,
  });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    baseUrl,
    async close() {
      await app.close();
      await db.close();
      await database.drop();
    },
  };
};
