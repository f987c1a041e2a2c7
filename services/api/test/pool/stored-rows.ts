import { openPostgres } from '@tenantry/db';
import type { MarkedTenant } from './pool-tenants';
import { skuMismatch, type TenantLedger } from './tenant-ledger';

/**
 * Compares what the database holds, read as its owner straight from Postgres
 * (no RLS, no PgBouncer), with what each tenant wrote: its SKUs exactly, and
 * each seeded item's stock between the confirmed and the possible receipts.
 * Answers one line per mismatch.
 */
export const storedRowMismatches = async (
  ownerUrl: string,
  tenants: MarkedTenant[],
  ledgers: Map<MarkedTenant, TenantLedger>,
): Promise<string[]> => {
  const owner = openPostgres(ownerUrl, { max: 1 });
  try {
    const { items, levels } = await owner.rawTransaction(async (session) => ({
      items: (
        await session.query<{ tenant_id: string; sku: string }>('select tenant_id, sku from inventory_items')
      ).rows,
      levels: (
        await session.query<{ tenant_id: string; item_id: string; location_id: string; on_hand: number }>(
          'select tenant_id, item_id, location_id, on_hand from stock_levels',
        )
      ).rows,
    }));
    const problems: string[] = [];
    const known = new Set(tenants.map((tenant) => tenant.tenantId));
    const strays = items.filter((row) => !known.has(row.tenant_id));
    if (strays.length)
      problems.push(`${strays.length} item(s) of no test tenant: ${JSON.stringify(strays[0])}`);
    for (const tenant of tenants) {
      const ledger = ledgers.get(tenant);
      if (!ledger) throw new Error(`no ledger for tenant ${tenant.index}`);
      const stored = items.filter((row) => row.tenant_id === tenant.tenantId).map((row) => row.sku);
      const skus = skuMismatch(
        ledger,
        stored,
        tenant.items.map((item) => item.sku),
      );
      if (skus) problems.push(`tenant ${tenant.index} items: ${skus}`);
      const own = levels.filter((row) => row.tenant_id === tenant.tenantId);
      const elsewhere = own.filter((row) => row.location_id !== tenant.locationId);
      if (elsewhere.length) problems.push(`tenant ${tenant.index} has stock at a location it does not own`);
      for (const item of tenant.items) {
        const onHand = own.find((row) => row.item_id === item.id)?.on_hand ?? 0;
        const received = ledger.received.get(item.id) ?? { confirmed: 0, maybe: 0 };
        const least = tenant.seedStock + received.confirmed;
        if (onHand < least || onHand > least + received.maybe)
          problems.push(
            `tenant ${tenant.index} ${item.sku}: on hand ${onHand}, expected ${least}..${least + received.maybe}`,
          );
      }
    }
    return problems;
  } finally {
    await owner.close();
  }
};
