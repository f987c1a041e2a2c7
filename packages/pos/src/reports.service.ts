import { assertHolds, type Principal, tenantOfHolder, tenantScopeOf } from '@tenantry/core';
import type { PosDeps } from './deps';
import { posErrors } from './errors';
import { posPermissions } from './permissions';
import { type ReportScope, type SalesAggregates, salesAggregates } from './reports.repository';
import { findShift } from './shifts.repository';

const DAY_MS = 86_400_000;

/** A report's figures from its aggregates; net sales are gross sales less the money refunded. */
export const salesFigures = (sums: SalesAggregates) => {
  const refunded = sums.refunds.reduce((sum, entry) => sum + entry.amount, 0);
  return {
    ticketCount: sums.tickets.count,
    grossSales: sums.tickets.total,
    byPaymentMethod: sums.payments,
    byItem: sums.items,
    taxes: sums.taxes,
    discounts: {
      lineDiscounts: sums.lines.lineDiscounts,
      ticketDiscounts: sums.tickets.ticketDiscounts,
      total: sums.lines.lineDiscounts + sums.tickets.ticketDiscounts,
    },
    refunds: {
      count: sums.refunds.reduce((sum, entry) => sum + entry.count, 0),
      amount: refunded,
      tax: sums.refunds.reduce((sum, entry) => sum + entry.tax, 0),
      byMethod: sums.refunds.map(({ method, amount, count }) => ({ method, amount, count })),
    },
    voids: { count: sums.voids },
    netSales: sums.tickets.total - refunded,
  };
};

/** GET /v1/pos/reports/shifts/:id: the shift's sales, refunds and voids (pos.report.read at its location). */
export const getShiftReport = async (deps: PosDeps, principal: Principal, shiftId: string) => {
  const tenantId = tenantOfHolder(principal, posPermissions.reportRead);
  return deps.router.withTenant(tenantId, async (tx) => {
    const shift = await findShift(tx, tenantId, shiftId);
    if (!shift) throw posErrors.notFound('Shift');
    assertHolds(principal, posPermissions.reportRead, shift.locationId);
    const scope: ReportScope = { kind: 'shift', shiftId };
    return {
      shiftId,
      locationId: shift.locationId,
      ...salesFigures(await salesAggregates(tx, tenantId, scope)),
    };
  });
};

/** GET /v1/pos/reports/daily: one location's UTC day (pos.report.read at that location). */
export const getDailyReport = async (
  deps: PosDeps,
  principal: Principal,
  query: { locationId: string; date: string },
) => {
  const tenantId = tenantScopeOf(principal, posPermissions.reportRead, query.locationId);
  const from = new Date(`${query.date}T00:00:00.000Z`);
  const scope: ReportScope = {
    kind: 'day',
    locationId: query.locationId,
    from,
    to: new Date(from.getTime() + DAY_MS),
  };
  const sums = await deps.router.withTenant(tenantId, (tx) => salesAggregates(tx, tenantId, scope));
  return { locationId: query.locationId, date: query.date, ...salesFigures(sums) };
};
