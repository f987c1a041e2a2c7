import { eq } from 'drizzle-orm';
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

export const findProfile = async (tx: Tx, tenantId: string): Promise<ConnectionProfile | undefined> => {
  const [row] = await tx
    .select({
      tenantId: tenantConnectionProfiles.tenantId,
      mode: tenantConnectionProfiles.mode,
      schemaName: tenantConnectionProfiles.schemaName,
      databaseName: tenantConnectionProfiles.databaseName,
      host: tenantConnectionProfiles.host,
      port: tenantConnectionProfiles.port,
    })
    .from(tenantConnectionProfiles)
    .where(eq(tenantConnectionProfiles.tenantId, tenantId));
  return row;
};

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
