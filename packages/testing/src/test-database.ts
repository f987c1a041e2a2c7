import { randomBytes } from 'node:crypto';
import { type DbConfig, dbConfigFromEnv, openPostgres, quoteIdent } from '@tenantry/db';
import { inject } from 'vitest';
import './provided-context';
import { testAppLogin, testServerUrl, urlForDatabase } from './servers';

export interface TestDatabase {
  name: string;
  /** Owner URL for migrations and provisioning; appUrl connects as a non-superuser member of the app role. */
  config: DbConfig;
  /** Drops this database and every tenant database provisioned from it. */
  drop(): Promise<void>;
}

/** A fresh database cloned from the run's migrated template. */
export const createTestDatabase = async (overrides: Partial<DbConfig> = {}): Promise<TestDatabase> => {
  const serverUrl = testServerUrl();
  const template = inject('templateDatabase');
  const name = `tenantry_test_${template.replace('tenantry_tpl_', '')}_${randomBytes(6).toString('hex')}`;
  const server = openPostgres(serverUrl, { max: 1 });
  try {
    await server.rawStatement(`create database ${quoteIdent(name)} template ${quoteIdent(template)}`);
  } finally {
    await server.close();
  }
  const config: DbConfig = {
    ...dbConfigFromEnv({}),
    ownerUrl: urlForDatabase(serverUrl, name),
    appUrl: urlForDatabase(serverUrl, name, testAppLogin),
    ...overrides,
  };
  return {
    name,
    config,
    async drop() {
      const tenantDatabases = await listTenantDatabases(serverUrl, name);
      const admin = openPostgres(serverUrl, { max: 1 });
      try {
        for (const database of [...tenantDatabases, name]) {
          await admin.rawStatement(`drop database if exists ${quoteIdent(database)} with (force)`);
        }
      } finally {
        await admin.close();
      }
    },
  };
};

const listTenantDatabases = async (serverUrl: string, database: string): Promise<string[]> => {
  const connection = openPostgres(urlForDatabase(serverUrl, database), { max: 1 });
  try {
    const exists = await connection.rawTransaction(async () => true).catch(() => false);
    if (!exists) return [];
    const rows = await connection.rawTransaction((session) =>
      session.query<{ database_name: string }>(
        `select database_name from tenant_connection_profiles where mode = 'database' and host is null`,
      ),
    );
    return rows.rows.map((row) => row.database_name);
  } finally {
    await connection.close();
  }
};
