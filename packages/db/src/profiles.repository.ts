import { eq, ne } from 'drizzle-orm';
import type { Tx } from './connection';
import { tenantConnectionProfiles } from './schema/platform';

export type TenancyMode = 'shared' | 'schema' | 'database';

export interface ConnectionProfile {
  tenantId: string;
  mode: TenancyMode;
  schemaName: string | null;
  databaseName: string | null;
  host: string | null;
  port: number | null;
}

const profileColumns = {
  tenantId: tenantConnectionProfiles.tenantId,
  mode: tenantConnectionProfiles.mode,
  schemaName: tenantConnectionProfiles.schemaName,
  databaseName: tenantConnectionProfiles.databaseName,
  host: tenantConnectionProfiles.host,
  port: tenantConnectionProfiles.port,
};

export const findProfile = async (tx: Tx, tenantId: string): Promise<ConnectionProfile | undefined> => {
  const [row] = await tx
    .select(profileColumns)
    .from(tenantConnectionProfiles)
    .where(eq(tenantConnectionProfiles.tenantId, tenantId));
  return row;
};

export const listIsolatedProfiles = (tx: Tx): Promise<ConnectionProfile[]> =>
  tx
    .select(profileColumns)
    .from(tenantConnectionProfiles)
    .where(ne(tenantConnectionProfiles.mode, 'shared'))
    .orderBy(tenantConnectionProfiles.tenantId);

export const upsertProfile = async (tx: Tx, profile: ConnectionProfile): Promise<void> => {
  const values = {
    mode: profile.mode,
    schemaName: profile.schemaName,
    databaseName: profile.databaseName,
    host: profile.host,
    port: profile.port,
  };
  await tx
    .insert(tenantConnectionProfiles)
    .values({ tenantId: profile.tenantId, ...values })
    .onConflictDoUpdate({
      target: tenantConnectionProfiles.tenantId,
      set: { ...values, updatedAt: new Date() },
    });
};
