import type { RequestMeta } from '@tenantry/audit';
import { recordChange } from '@tenantry/audit';
import { type Principal, tenantScopeOf } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import type { InventoryDeps } from './deps';
import { inventoryErrors } from './errors';
import { inventoryEvents } from './events';
import {
  countActiveLocations,
  findLocation,
  insertLocation,
  type LocationRow,
  listLocations as listLocationRows,
} from './locations.repository';
import { inventoryPermissions } from './permissions';

export const locationView = (row: LocationRow) => ({
  id: row.id,
  name: row.name,
  code: row.code,
  kind: row.kind,
  active: row.active,
  createdAt: row.createdAt,
});

/**
 * Checks a location against the tenant's quota before it is added, inside
 * the quota's lock (entitlements): the composition root supplies it.
 */
export type LocationQuotaGate = (tenantId: string, add: () => Promise<void>) => Promise<void>;

/** POST /v1/inventory/locations. */
export const createLocation = async (
  deps: InventoryDeps & { locationQuota?: LocationQuotaGate },
  principal: Principal,
  input: { name: string; code: string; kind: 'store' | 'warehouse' },
  meta: RequestMeta,
) => {
  const tenantId = tenantScopeOf(principal, inventoryPermissions.locationManage);
  const row: LocationRow = {
    tenantId,
    id: deps.newId(),
    name: input.name,
    code: input.code,
    kind: input.kind,
    active: true,
    createdAt: deps.clock.now(),
  };
  const add = () =>
    deps.router.withTenant(tenantId, async (tx) => {
      if (!(await insertLocation(tx, row))) throw inventoryErrors.locationCodeTaken();
      await recordChange(
        tx,
        deps,
        { module: 'inventory', tenantId, principal, meta },
        {
          event: inventoryEvents.locationCreated,
          entity: { type: 'location', id: row.id },
          data: { locationId: row.id, code: row.code, name: row.name, kind: row.kind },
          after: { name: row.name, code: row.code, kind: row.kind },
        },
      );
    });
  await (deps.locationQuota ? deps.locationQuota(tenantId, add) : add());
  return locationView(row);
};

/** GET /v1/inventory/locations: any item reader sees where stock can be. */
export const listLocations = async (deps: InventoryDeps, principal: Principal) => {
  const tenantId = tenantScopeOf(principal, inventoryPermissions.itemRead);
  return (await deps.router.withTenant(tenantId, (tx) => listLocationRows(tx, tenantId))).map(locationView);
};

/**
 * A location of the tenant, for another module inside its own tenant
 * transaction (POS puts registers in one). NOT_FOUND for another tenant's id.
 */
export const requireLocation = async (tx: Tx, tenantId: string, locationId: string) => {
  const row = await findLocation(tx, tenantId, locationId);
  if (!row) throw inventoryErrors.notFound('Location');
  if (!row.active) throw inventoryErrors.locationInactive(locationId);
  return locationView(row);
};

/** A location of the tenant, active or not (a receipt names its store even after it closed); null if none. */
export const findLocationView = async (tx: Tx, tenantId: string, locationId: string) => {
  const row = await findLocation(tx, tenantId, locationId);
  return row ? locationView(row) : null;
};

/** The tenant's active locations: the entitlements `locations` gauge. */
export const activeLocationCount = (deps: Pick<InventoryDeps, 'router'>, tenantId: string): Promise<number> =>
  deps.router.withTenant(tenantId, (tx) => countActiveLocations(tx, tenantId));
