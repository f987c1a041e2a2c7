import type { Tx } from '@tenantry/db';
import { and, asc, eq } from 'drizzle-orm';
import { moduleRegistryEntries, tenantModules } from './schema/catalogue';

export type ModuleEntryRow = typeof moduleRegistryEntries.$inferSelect;

export const listModuleEntries = (tx: Tx): Promise<ModuleEntryRow[]> =>
  tx.select().from(moduleRegistryEntries).orderBy(asc(moduleRegistryEntries.key));

export const findModuleEntry = async (tx: Tx, key: string): Promise<ModuleEntryRow | null> =>
  (
    await tx.select().from(moduleRegistryEntries).where(eq(moduleRegistryEntries.key, key)).for('update')
  )[0] ?? null;

export const insertModuleEntry = async (
  tx: Tx,
  row: typeof moduleRegistryEntries.$inferInsert,
): Promise<void> => {
  await tx.insert(moduleRegistryEntries).values(row);
};

export const updateModuleEntry = async (
  tx: Tx,
  key: string,
  values: Partial<ModuleEntryRow>,
): Promise<void> => {
  await tx.update(moduleRegistryEntries).set(values).where(eq(moduleRegistryEntries.key, key));
};

/** Module keys switched off for a tenant. */
export const disabledModulesOf = async (tx: Tx, tenantId: string): Promise<string[]> =>
  (
    await tx
      .select({ key: tenantModules.moduleKey })
      .from(tenantModules)
      .where(and(eq(tenantModules.tenantId, tenantId), eq(tenantModules.enabled, false)))
  ).map((row) => row.key);

export const upsertTenantModule = async (
  tx: Tx,
  tenantId: string,
  moduleKey: string,
  enabled: boolean,
  at: Date,
) => {
  await tx
    .insert(tenantModules)
    .values({ tenantId, moduleKey, enabled, updatedAt: at })
    .onConflictDoUpdate({
      target: [tenantModules.tenantId, tenantModules.moduleKey],
      set: { enabled, updatedAt: at },
    });
};

/** A tenant's switch of one module, locked for the change; null when never switched (on). */
export const lockTenantModule = async (
  tx: Tx,
  tenantId: string,
  moduleKey: string,
): Promise<boolean | null> =>
  (
    await tx
      .select({ enabled: tenantModules.enabled })
      .from(tenantModules)
      .where(and(eq(tenantModules.tenantId, tenantId), eq(tenantModules.moduleKey, moduleKey)))
      .for('update')
  )[0]?.enabled ?? null;
