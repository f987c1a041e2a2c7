import { type RequestMeta, recordChange } from '@tenantry/audit';
import { assertHolds, type Principal, tenantOfHolder } from '@tenantry/core';
import type { PosDeps } from './deps';
import { posErrors } from './errors';
import { posEvents } from './events';
import { posPermissions } from './permissions';
import { findRegister } from './registers.repository';
import {
  cashMovementsOf,
  closeShiftRow,
  findShift,
  insertShift,
  openTicketsOf,
  type ShiftRow,
} from './shifts.repository';

export const shiftView = (row: ShiftRow) => ({
  id: row.id,
  registerId: row.registerId,
  locationId: row.locationId,
  status: row.status,
  openingFloat: row.openingFloat,
  openedBy: row.openedBy,
  openedAt: row.openedAt,
  closedBy: row.closedBy,
  closedAt: row.closedAt,
  countedCash: row.countedCash,
  expectedCash: row.expectedCash,
  variance: row.variance,
});

/** POST /v1/pos/shifts: opens the register's shift with its cash float; one open shift per register. */
export const openShift = async (
  deps: PosDeps,
  principal: Principal,
  input: { registerId: string; openingFloat: number },
  meta: RequestMeta,
) => {
  const tenantId = tenantOfHolder(principal, posPermissions.shiftOpen);
  return deps.router.withTenant(tenantId, async (tx) => {
    const register = await findRegister(tx, tenantId, input.registerId);
    if (!register) throw posErrors.notFound('Register');
    assertHolds(principal, posPermissions.shiftOpen, register.locationId);
    if (!register.active) throw posErrors.registerInactive();
    const row: ShiftRow = {
      tenantId,
      id: deps.newId(),
      registerId: register.id,
      locationId: register.locationId,
      status: 'open',
      openingFloat: input.openingFloat,
      openedBy: principal.id,
      openedAt: deps.clock.now(),
      closedBy: null,
      closedAt: null,
      countedCash: null,
      expectedCash: null,
      variance: null,
    };
    if (!(await insertShift(tx, row))) throw posErrors.shiftAlreadyOpen(register.id);
    await recordChange(
      tx,
      deps,
      { module: 'pos', tenantId, principal, meta },
      {
        event: posEvents.shiftOpened,
        entity: { type: 'shift', id: row.id },
        data: {
          shiftId: row.id,
          registerId: row.registerId,
          locationId: row.locationId,
          openingFloat: row.openingFloat,
        },
        after: { openingFloat: row.openingFloat },
      },
    );
    return shiftView(row);
  });
};

/** GET /v1/pos/shifts/:id. */
export const getShift = async (deps: PosDeps, principal: Principal, id: string) => {
  const tenantId = tenantOfHolder(principal, posPermissions.ticketRead);
  const row = await deps.router.withTenant(tenantId, (tx) => findShift(tx, tenantId, id));
  if (!row) throw posErrors.notFound('Shift');
  assertHolds(principal, posPermissions.ticketRead, row.locationId);
  return shiftView(row);
};

/**
 * POST /v1/pos/shifts/:id/close: expected cash is the float plus cash taken
 * on the shift's settled tickets minus cash refunds paid from its drawer;
 * the variance is counted minus expected (negative: the drawer is short).
 */
export const closeShift = async (
  deps: PosDeps,
  principal: Principal,
  id: string,
  input: { countedCash: number },
  meta: RequestMeta,
) => {
  const tenantId = tenantOfHolder(principal, posPermissions.shiftClose);
  return deps.router.withTenant(tenantId, async (tx) => {
    const shift = await findShift(tx, tenantId, id, { lock: true });
    if (!shift) throw posErrors.notFound('Shift');
    assertHolds(principal, posPermissions.shiftClose, shift.locationId);
    if (shift.status !== 'open') throw posErrors.shiftClosed();
    const open = await openTicketsOf(tx, tenantId, id);
    if (open.length > 0) throw posErrors.shiftHasOpenTickets(open);
    const { cashSales, cashRefunds } = await cashMovementsOf(tx, tenantId, id);
    const expectedCash = shift.openingFloat + cashSales - cashRefunds;
    const closed = await closeShiftRow(tx, tenantId, id, {
      closedBy: principal.id,
      closedAt: deps.clock.now(),
      countedCash: input.countedCash,
      expectedCash,
      variance: input.countedCash - expectedCash,
    });
    const summary = {
      openingFloat: shift.openingFloat,
      cashSales,
      cashRefunds,
      expectedCash,
      countedCash: input.countedCash,
      variance: closed.variance,
    };
    await recordChange(
      tx,
      deps,
      { module: 'pos', tenantId, principal, meta },
      {
        event: posEvents.shiftClosed,
        entity: { type: 'shift', id },
        data: { shiftId: id, registerId: shift.registerId, locationId: shift.locationId, ...summary },
        after: summary,
      },
    );
    return { ...shiftView(closed), cashSales, cashRefunds };
  });
};
