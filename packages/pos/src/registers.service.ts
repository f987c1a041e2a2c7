import { type RequestMeta, recordChange } from '@tenantry/audit';
import { assertHolds, holds, type Principal, tenantOfHolder } from '@tenantry/core';
import { requireLocation } from '@tenantry/inventory';
import type { PosDeps } from './deps';
import { posErrors } from './errors';
import { posEvents } from './events';
import { posPermissions } from './permissions';
import { insertRegister, listRegisters as listRegisterRows, type RegisterRow } from './registers.repository';

export const registerView = (row: RegisterRow) => ({
  id: row.id,
  locationId: row.locationId,
  name: row.name,
  active: row.active,
  createdAt: row.createdAt,
});

/** POST /v1/pos/registers: a till at one of the tenant's inventory locations. */
export const createRegister = async (
  deps: PosDeps,
  principal: Principal,
  input: { name: string; locationId: string },
  meta: RequestMeta,
) => {
  const tenantId = tenantOfHolder(principal, posPermissions.registerManage);
  assertHolds(principal, posPermissions.registerManage, input.locationId);
  const row: RegisterRow = {
    tenantId,
    id: deps.newId(),
    locationId: input.locationId,
    name: input.name,
    active: true,
    createdAt: deps.clock.now(),
  };
  await deps.router.withTenant(tenantId, async (tx) => {
    await requireLocation(tx, tenantId, input.locationId);
    if (!(await insertRegister(tx, row))) throw posErrors.registerNameTaken();
    await recordChange(
      tx,
      deps,
      { module: 'pos', tenantId, principal, meta },
      {
        event: posEvents.registerCreated,
        entity: { type: 'register', id: row.id },
        data: { registerId: row.id, locationId: row.locationId, name: row.name },
        after: { name: row.name, locationId: row.locationId },
      },
    );
  });
  return registerView(row);
};

/** GET /v1/pos/registers: the registers at locations where the caller may read tickets. */
export const listRegisters = async (deps: PosDeps, principal: Principal, query: { locationId?: string }) => {
  const tenantId = tenantOfHolder(principal, posPermissions.ticketRead);
  const rows = await deps.router.withTenant(tenantId, (tx) =>
    listRegisterRows(tx, tenantId, query.locationId),
  );
  return rows.filter((row) => holds(principal, posPermissions.ticketRead, row.locationId)).map(registerView);
};
