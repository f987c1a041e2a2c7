import {
  inventoryContracts as contracts,
  type InventoryDeps,
  inventoryPermissions,
  listAlerts,
} from '@tenantry/inventory';
import { z } from 'zod';
import { pageOf } from '../../http/envelope';
import { defineRoute } from '../../http/route';
import { signedIn } from '../identity/request-meta';

/** /v1/inventory/alerts: levels that fell to their reorder point. */
export const alertRoutes = (deps: InventoryDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/inventory/alerts',
    operationId: 'listStockAlerts',
    summary: 'Low-stock alerts, newest first: open until the level is restocked above the reorder point',
    module: 'inventory',
    requires: { module: 'inventory', feature: 'inventory.alerts' },
    access: { permission: inventoryPermissions.stockRead },
    query: contracts.listAlertsQuery,
    response: z.array(contracts.alertSchema),
    paginated: true,
    handler: async ({ query, principal }) =>
      pageOf(await listAlerts(deps, signedIn(principal), query), query.limit),
  }),
];
