import { systemClock } from '@tenantry/core';
import { createDatabaseRuntime } from '@tenantry/db';
import { migrationPlan } from '@tenantry/platform';
import { type TestDatabase, testAppLogin } from '@tenantry/testing';
import { apiConfigFromEnv, buildApp, createPlatformModules } from '../../src';
import { type IdentityTestApp, testIdentityConfig } from '../identity/support';
import type { PgBouncer } from './pgbouncer-process';

export interface PooledApi extends IdentityTestApp {
  /** http://127.0.0.1:<port>: the app listens, so clients can abort real requests. */
  baseUrl: string;
}

/**
 * The whole API (every module, real authentication) whose owner and app
 * connections both go through PgBouncer, listening on a free port. `close`
 * stops the app and its pools; the caller drops the database after PgBouncer.
 */
export const startPooledApi = async (
  database: TestDatabase,
  bouncer: PgBouncer,
  options: { poolSize: number },
): Promise<PooledApi> => {
  const db = await createDatabaseRuntime(
    {
      ...database.config,
      ownerUrl: bouncer.urlFor(database.name, 'postgres'),
      appUrl: bouncer.urlFor(database.name, testAppLogin),
      // More client connections than PgBouncer has server connections: tenants share them.
      poolSize: options.poolSize,
    },
    migrationPlan,
  );
  const modules = await createPlatformModules({
    db,
    identityConfig: testIdentityConfig(),
    clock: systemClock,
  });
  const app = await buildApp({
    config: {
      ...apiConfigFromEnv({}),
      rateLimit: { windowMs: 60_000, tenantMax: 100_000, anonymousMax: 100_000 },
    },
    db,
    authenticate: modules.authenticate,
    routes: modules.routes,
    metrics: false,
  });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    db,
    database,
    identity: modules.identity,
    modules,
    baseUrl,
    async call({ method, url, token, body, headers }) {
      const response = await app.inject({
        method,
        url,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      return {
        status: response.statusCode,
        body: response.body ? JSON.parse(response.body) : null,
        headers: response.headers,
      };
    },
    async close() {
      // Sockets a client left open (a request aborted while connecting) would hold close() until their timeout.
      app.server.closeAllConnections();
      await app.close();
      await db.close();
    },
  };
};
