import { newId } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';

export interface LoadTenants {
  /** Three in the shared tables, then one in its own schema and one in its own database. */
  tenants: string[];
  /** The database-mode tenant's database, where part of the worker's connections go. */
  tenantDatabases: string[];
}

/** The tenants a load runs over: every kind of storage, so the relay drains them all while the fault lands. */
export const provisionLoadTenants = async (db: DatabaseRuntime): Promise<LoadTenants> => {
  const schemaTenant = newId();
  const databaseTenant = newId();
  await db.provisionTenant(schemaTenant, 'schema');
  const ownDatabase = await db.provisionTenant(databaseTenant, 'database');
  return {
    tenants: [newId(), newId(), newId(), schemaTenant, databaseTenant],
    tenantDatabases: [ownDatabase.databaseName as string],
  };
};
