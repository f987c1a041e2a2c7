import type { Connection } from './connection';
import { applyMigrations, type MigrationSet } from './migrations';
import type { ConnectionProfile, TenancyMode } from './profiles.repository';
import { assertPlainIdentifier, quoteIdent } from './roles';

const compactId = (tenantId: string): string => tenantId.replaceAll('-', '').toLowerCase();

/** Where a tenant's tables live in each mode; names are derived, never user input. */
export const storageNameFor = (
  tenantId: string,
  mode: TenancyMode,
): Omit<ConnectionProfile, 'host' | 'port'> => ({
  tenantId,
  mode,
  schemaName: mode === 'schema' ? `t_${compactId(tenantId)}` : null,
  databaseName: mode === 'database' ? `tenantry_t_${compactId(tenantId)}` : null,
});

export interface TenantStorageDeps {
  owner: Connection;
  appRole: string;
  tenantSets: readonly MigrationSet[];
  /** Opens an owner connection to a tenant's own database. */
  openOwnerDatabase(profile: ConnectionProfile): Promise<Connection>;
  /** Creates a tenant's own database; a no-op when it exists. */
  createDatabase(profile: ConnectionProfile): Promise<void>;
}

/** Creates and migrates the schema or database a tenant's profile names (shared needs nothing). */
export const migrateTenantStorage = async (
  deps: TenantStorageDeps,
  profile: ConnectionProfile,
): Promise<string[]> => {
  const options = { appRole: deps.appRole };
  switch (profile.mode) {
    case 'shared':
      return [];
    case 'schema': {
      const schema = assertPlainIdentifier(profile.schemaName ?? '');
      return deps.owner.rawTransaction((session) =>
        applyMigrations(session, deps.tenantSets, { ...options, schema }),
      );
    }
    case 'database': {
      await deps.createDatabase(profile);
      const tenantDb = await deps.openOwnerDatabase(profile);
      try {
        return await tenantDb.rawTransaction((session) =>
          applyMigrations(session, deps.tenantSets, { ...options, schema: 'public' }),
        );
      } finally {
        await tenantDb.close();
      }
    }
  }
};

/** SQL that creates a database unless it exists (CREATE DATABASE has no IF NOT EXISTS). */
export const createDatabaseIfMissing = async (server: Connection, databaseName: string): Promise<void> => {
  const name = assertPlainIdentifier(databaseName);
  const exists = await server.rawTransaction((session) =>
    session.query('select 1 from pg_database where datname = $1', [name]),
  );
  if (exists.rows.length > 0) return;
  try {
    await server.rawStatement(`create database ${quoteIdent(name)}`);
  } catch (error) {
    // Another process created it between the check and now.
    if ((error as { code?: string }).code !== '42P04') throw error;
  }
};
