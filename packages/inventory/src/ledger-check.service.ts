import { type Principal, tenantScopeOf } from '@tenantry/core';
import type { InventoryDeps } from './deps';
import { type LevelAgainstLedger, levelsAgainstLedger } from './ledger-check.repository';
import { inventoryPermissions } from './permissions';

/**
 * GET /v1/inventory/stock/check: every level recomputed from its movements.
 * Levels move only with the ledger (recordMovements), so any drift means
 * something wrote around it: a script, a restore, a bug. Movements always
 * leave a level row, so movements with no level are drift whatever they
 * sum to; a level with no movements behind it must be zero (a count may
 * create one at zero while it locks the level).
 */
export const checkLedger = async (
  deps: InventoryDeps,
  principal: Principal,
): Promise<{ checkedLevels: number; drift: LevelAgainstLedger[] }> => {
  const tenantId = tenantScopeOf(principal, inventoryPermissions.stockAdjust);
  const pairs = await deps.router.withTenant(tenantId, (tx) => levelsAgainstLedger(tx, tenantId));
  return {
    checkedLevels: pairs.length,
    // A null level (no row) never equals a sum: reported.
    drift: pairs.filter((pair) => pair.onHand !== pair.ledger),
  };
};
