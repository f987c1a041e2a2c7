import { createDatabaseRuntime, type DatabaseRuntime, type DbConfig } from '@tenantry/db';
import { migrationPlan } from '@tenantry/platform';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-database';
import { startTestSmtpServer, type TestSmtpServer } from './test-smtp-server';

const opened = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`${what} opens in beforeAll: use it inside a test or a hook`);
  return value;
};

/** The runtime of a test file's database, with the URLs it was opened with. */
export type TestDatabaseRuntime = DatabaseRuntime & { readonly config: DbConfig };

/**
 * This test file's own database (cloned from the migrated template) and a
 * runtime on it: opened before the file's tests, closed and dropped after.
 * `config` has the owner and app URLs, for a second runtime or a child process.
 */
export const useTestDatabase = (): TestDatabaseRuntime => {
  let database: TestDatabase | undefined;
  let db: DatabaseRuntime | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await createDatabaseRuntime(database.config, migrationPlan);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });
  const current = () => opened(db, 'the test database');
  return {
    get config() {
      return opened(database, 'the test database').config;
    },
    get kind() {
      return current().kind;
    },
    get router() {
      return current().router;
    },
    migrate: () => current().migrate(),
    provisionTenant: (tenantId, mode, options) => current().provisionTenant(tenantId, mode, options),
    forEachTenantStorage: (fn) => current().forEachTenantStorage(fn),
    ping: () => current().ping(),
    close: () => current().close(),
  };
};

/** A test SMTP server started before the file's tests and closed after them. */
export const useTestSmtpServer = (): TestSmtpServer => {
  let server: TestSmtpServer | undefined;
  beforeAll(async () => {
    server = await startTestSmtpServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const current = () => opened(server, 'the test SMTP server');
  return {
    get url() {
      return current().url;
    },
    get messages() {
      return current().messages;
    },
    waitFor: (predicate, timeoutMs) => current().waitFor(predicate, timeoutMs),
    close: () => current().close(),
  };
};
