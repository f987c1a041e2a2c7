import { type RequestMeta, recordChange } from '@tenantry/audit';
import { type Principal, tenantScopeOf } from '@tenantry/core';
import type { InventoryDeps } from './deps';
import { inventoryEvents } from './events';
import { inventoryPermissions } from './permissions';
import { type InventorySettings, readSettings, writeSettings } from './settings.repository';

/** GET /v1/inventory/settings: the tenant's settings, or the defaults. */
export const getInventorySettings = async (
  deps: InventoryDeps,
  principal: Principal,
): Promise<InventorySettings> => {
  const tenantId = tenantScopeOf(principal, inventoryPermissions.stockRead);
  return deps.router.withTenant(tenantId, (tx) => readSettings(tx, tenantId));
};

/**
 * PATCH /v1/inventory/settings. Allowing negative stock lets adjustments and
 * shipments take a level below zero; sales always deduct either way.
 */
export const updateInventorySettings = async (
  deps: InventoryDeps,
  principal: Principal,
  input: Partial<InventorySettings>,
  meta: RequestMeta,
): Promise<InventorySettings> => {
  const tenantId = tenantScopeOf(principal, inventoryPermissions.locationManage);
  return deps.router.withTenant(tenantId, async (tx) => {
    const before = await readSettings(tx, tenantId);
    const after: InventorySettings = { ...before, ...input };
    await writeSettings(tx, tenantId, after, deps.clock.now());
    await recordChange(
      tx,
      deps,
      { module: 'inventory', tenantId, principal, meta },
      {
        event: inventoryEvents.settingsUpdated,
        entity: { type: 'inventory_settings', id: tenantId },
        data: { changes: Object.keys(input), ...after },
        before: { ...before },
        after: { ...after },
      },
    );
    return after;
  });
};
