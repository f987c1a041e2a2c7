import { type Connection, openPostgres } from '@tenantry/db';
import { createTestDatabase, type TestDatabase, testAppLogin, testServerUrl } from '@tenantry/testing';
import { type PgBouncer, startPgBouncer } from './pgbouncer-process';
import { createMarkedTenants, type MarkedTenant } from './pool-tenants';
import { type PooledApi, startPooledApi } from './pooled-api';

/** Everything the suite runs on: its database, PgBouncer in front of it, the API through it, marked tenants. */
export interface PooledFixture {
  database: TestDatabase;
  bouncer: PgBouncer;
  api: PooledApi;
  /** A superuser connection straight to Postgres, to kill backends with. */
  admin: Connection;
  tenants: MarkedTenant[];
  close(): Promise<void>;
}

/** PgBouncer's name for the test database with a single server connection. */
export const leakcheckDatabase = 'leakcheck';

/** Starts it all, or stops what it started and throws (e.g. PgBouncer not installed). */
export const startPooledFixture = async (options: {
  serverPoolSize: number;
  appPoolSize: number;
  tenants: number;
}): Promise<PooledFixture> => {
  const opened: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of opened.reverse()) await stop();
  };
  try {
    const database = await createTestDatabase();
    opened.push(() => database.drop());
    const admin = openPostgres(testServerUrl(), { max: 1 });
    opened.push(() => admin.close());
    const bouncer = await startPgBouncer({
      serverUrl: testServerUrl(),
      databases: [
        { name: database.name, dbname: database.name },
        // One server connection only: consecutive transactions of any client land on the same backend.
        { name: leakcheckDatabase, dbname: database.name, poolSize: 1 },
      ],
      users: ['postgres', testAppLogin],
      defaultPoolSize: options.serverPoolSize,
    });
    opened.push(() => bouncer.stop());
    const api = await startPooledApi(database, bouncer, { poolSize: options.appPoolSize });
    opened.push(() => api.close());
    const tenants = await createMarkedTenants(api, options.tenants, 5, 100);
    return { database, bouncer, api, admin, tenants, close };
  } catch (error) {
    await close();
    throw error;
  }
};
