import type { Tx } from '@tenantry/db';
import { eq } from 'drizzle-orm';
import { posSettings } from './schema';

export interface PosSettings {
  currency: string;
  pricesIncludeTax: boolean;
  /** Basis points per tax category. */
  taxRates: Record<string, number>;
}

export const defaultPosSettings: PosSettings = { currency: 'USD', pricesIncludeTax: false, taxRates: {} };

/** The tenant's POS settings, or the defaults when it never changed them. */
export const readPosSettings = async (tx: Tx, tenantId: string): Promise<PosSettings> => {
  const [row] = await tx.select().from(posSettings).where(eq(posSettings.tenantId, tenantId));
  return row
    ? { currency: row.currency, pricesIncludeTax: row.pricesIncludeTax, taxRates: row.taxRates }
    : defaultPosSettings;
};

export const writePosSettings = async (tx: Tx, tenantId: string, settings: PosSettings, at: Date) => {
  await tx
    .insert(posSettings)
    .values({ tenantId, ...settings, updatedAt: at })
    .onConflictDoUpdate({ target: posSettings.tenantId, set: { ...settings, updatedAt: at } });
};
