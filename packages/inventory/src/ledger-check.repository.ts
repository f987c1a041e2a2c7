import { queryRows, type Tx } from '@tenantry/db';
import { sql } from 'drizzle-orm';
import { stockLevels, stockMovements } from './schema';

export interface LevelAgainstLedger {
  itemId: string;
  locationId: string;
  /** The stored level; null when there is no level row. */
  onHand: number | null;
  /** The sum of the pair's movements; 0 when there are none. */
  ledger: number;
}

/**
 * Every (item, location) pair that has a level or movements, with both
 * sides. One statement, so it reads one snapshot: a movement committing
 * meanwhile is seen with its level or not at all.
 */
export const levelsAgainstLedger = async (tx: Tx, tenantId: string): Promise<LevelAgainstLedger[]> => {
  const rows = await queryRows<{
    item_id: string;
    location_id: string;
    on_hand: number | null;
    ledger: string | number | bigint | null;
  }>(
    tx,
    sql`
      with levels as (
        select item_id, location_id, on_hand from ${stockLevels} where tenant_id = ${tenantId}
      ), ledger as (
        select item_id, location_id, sum(quantity) as total
          from ${stockMovements} where tenant_id = ${tenantId}
         group by item_id, location_id
      )
      select item_id, location_id, levels.on_hand, ledger.total as ledger
        from levels full outer join ledger using (item_id, location_id)
       order by item_id, location_id`,
  );
  return rows.map((row) => ({
    itemId: row.item_id,
    locationId: row.location_id,
    onHand: row.on_hand,
    ledger: Number(row.ledger ?? 0),
  }));
};
