import type { Tx } from '@tenantry/db';
import { eq } from 'drizzle-orm';
import { inventorySettings } from './schema';

export interface InventorySettings {
  allowNegativeStock: boolean;
}

export const defaultInventorySettings: InventorySettings = { allowNegativeStock: false };

/** The tenant's inventory settings, or the defaults when it never changed them. */
export const readSettings = async (tx: Tx, tenantId: string): Promise<InventorySettings> => {
  const [row] = await tx.select().from(inventorySettings).where(eq(inventorySettings.tenantId, tenantId));
  return row ? { allowNegativeStock: row.allowNegativeStock } : defaultInventorySettings;
};

export const writeSettings = async (tx: Tx, tenantId: string, settings: InventorySettings, at: Date) => {
  await tx
    .insert(inventorySettings)
    .values({ tenantId, ...settings, updatedAt: at })
    .onConflictDoUpdate({ target: inventorySettings.tenantId, set: { ...settings, updatedAt: at } });
};
