import {
  checkLedger,
  inventoryContracts as contracts,
  type InventoryDeps,
  inventoryPermissions,
  listMovements,
} from '@tenantry/inventory';
import { z } from 'zod';
import { pageOf } from '../../http/envelope';
import { defineRoute } from '../../http/route';
import { signedIn } from '../identity/request-meta';

const requires = { module: 'inventory', feature: 'inventory.movements' };

/** The stock ledger, read: its history, and a check that the levels still add up to it. */
export const ledgerRoutes = (deps: InventoryDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/inventory/movements',
    operationId: 'listStockMovements',
    summary: 'Stock movements newest first, of an item and/or a location, in cursor pages',
    module: 'inventory',
    requires,
    access: { permission: inventoryPermissions.stockRead },
    query: contracts.listMovementsQuery,
    response: z.array(contracts.movementHistorySchema),
    paginated: true,
    handler: async ({ query, principal }) =>
      pageOf(await listMovements(deps, signedIn(principal), query), query.limit),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/inventory/stock/check',
    operationId: 'checkStockLedger',
    summary: 'Recompute every level from its movements and list those that drifted',
    module: 'inventory',
    requires,
    access: { permission: inventoryPermissions.stockAdjust },
    response: contracts.ledgerCheckSchema,
    handler: async ({ principal }) => ({ data: await checkLedger(deps, signedIn(principal)) }),
  }),
];
