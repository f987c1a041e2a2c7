import {
  inventoryContracts as contracts,
  finalizeCount,
  getCount,
  type InventoryDeps,
  inventoryPermissions,
  openCount,
  recordCountLines,
} from '@tenantry/inventory';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from '../identity/request-meta';

const requires = { module: 'inventory', feature: 'inventory.counts' };
const access = { permission: inventoryPermissions.countManage };

/** /v1/inventory/counts: counting a location's stock and correcting its levels to what was found. */
export const countRoutes = (deps: InventoryDeps) => [
  defineRoute({
    method: 'POST',
    path: '/v1/inventory/counts',
    operationId: 'openStockCount',
    summary: 'Open a stock count of one location',
    module: 'inventory',
    requires,
    access,
    body: contracts.createCountBody,
    response: contracts.countSchema,
    successStatus: 201,
    handler: async ({ body, principal, request }) => ({
      data: await openCount(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/inventory/counts/:id',
    operationId: 'getStockCount',
    summary: 'One count with its lines (expected and difference once finalized)',
    module: 'inventory',
    requires,
    access,
    params: contracts.idParams,
    response: contracts.countSchema,
    handler: async ({ params, principal }) => ({
      data: await getCount(deps, signedIn(principal), params.id),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/inventory/counts/:id/lines',
    operationId: 'recordStockCountLines',
    summary: 'Enter counted quantities; counting an item again replaces its count',
    module: 'inventory',
    requires,
    access,
    params: contracts.idParams,
    body: contracts.countLinesBody,
    response: contracts.countSchema,
    handler: async ({ params, body, principal, request }) => ({
      data: await recordCountLines(deps, signedIn(principal), params.id, body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/inventory/counts/:id/finalize',
    operationId: 'finalizeStockCount',
    summary: 'Finalize a count: each counted level is corrected to what was counted',
    module: 'inventory',
    requires,
    access,
    params: contracts.idParams,
    response: contracts.countSchema,
    handler: async ({ params, principal, request }) => ({
      data: await finalizeCount(deps, signedIn(principal), params.id, requestMeta(request)),
    }),
  }),
];
