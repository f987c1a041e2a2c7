import { type Principal, tenantScopeOf } from '@tenantry/core';
import { type AlertListRow, listAlerts as listAlertRows } from './alerts.repository';
import { encodeNewestFirstCursor } from './contracts';
import type { InventoryDeps } from './deps';
import { inventoryPermissions } from './permissions';

/**
 * GET /v1/inventory/alerts: low-stock alerts, newest first. The ledger opens
 * one per crossing of the reorder point and clears it on restock; this only
 * reads them. Filtered to one location, a role held there is enough.
 */
export const listAlerts = async (
  deps: InventoryDeps,
  principal: Principal,
  query: {
    status?: 'open' | 'cleared';
    locationId?: string;
    cursor?: { at: Date; id: string };
    limit: number;
  },
): Promise<{ items: AlertListRow[]; nextCursor: string | null }> => {
  const tenantId = tenantScopeOf(principal, inventoryPermissions.stockRead, query.locationId);
  const rows = await deps.router.withTenant(tenantId, (tx) =>
    listAlertRows(tx, tenantId, { ...query, after: query.cursor, limit: query.limit + 1 }),
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page,
    nextCursor:
      rows.length > query.limit && last ? encodeNewestFirstCursor({ at: last.openedAt, id: last.id }) : null,
  };
};
