import {
  posContracts as contracts,
  getDailyReport,
  getShiftReport,
  type PosDeps,
  posPermissions,
} from '@tenantry/pos';
import { defineRoute } from '../../http/route';
import { signedIn } from '../identity/request-meta';

// The registry has no reports feature: sales reports go with tickets.
const reports = { module: 'pos', feature: 'pos.tickets' };

/** /v1/pos/reports: sales, payments, taxes, refunds and voids of a shift or of a location's day. */
export const reportRoutes = (deps: PosDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/pos/reports/shifts/:id',
    operationId: 'getPosShiftReport',
    summary: "A shift's sales by payment method, item and tax rate, with its discounts, refunds and voids",
    module: 'pos',
    requires: reports,
    access: { permission: posPermissions.reportRead },
    params: contracts.idParams,
    response: contracts.shiftReportSchema,
    handler: async ({ params, principal }) => ({
      data: await getShiftReport(deps, signedIn(principal), params.id),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/pos/reports/daily',
    operationId: 'getPosDailyReport',
    summary:
      "A location's sales for one UTC day, by payment method, item and tax rate, with refunds and voids",
    module: 'pos',
    requires: reports,
    access: { permission: posPermissions.reportRead },
    query: contracts.dailyReportQuery,
    response: contracts.dailyReportSchema,
    handler: async ({ query, principal }) => ({
      data: await getDailyReport(deps, signedIn(principal), query),
    }),
  }),
];
