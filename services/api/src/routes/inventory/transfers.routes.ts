import {
  inventoryContracts as contracts,
  createTransfer,
  getTransfer,
  type InventoryDeps,
  inventoryPermissions,
  receiveTransfer,
  shipTransfer,
} from '@tenantry/inventory';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from '../identity/request-meta';

const requires = { module: 'inventory', feature: 'inventory.transfers' };
const access = { permission: inventoryPermissions.transferManage };

/** /v1/inventory/transfers: stock moving between locations, shipped and then received. */
export const transferRoutes = (deps: InventoryDeps) => [
  defineRoute({
    method: 'POST',
    path: '/v1/inventory/transfers',
    operationId: 'createStockTransfer',
    summary: 'Plan a transfer between two locations (a draft: nothing moves until it ships)',
    module: 'inventory',
    requires,
    access,
    body: contracts.createTransferBody,
    response: contracts.transferSchema,
    successStatus: 201,
    handler: async ({ body, principal, request }) => ({
      data: await createTransfer(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/inventory/transfers/:id',
    operationId: 'getStockTransfer',
    summary: 'One transfer with its lines: planned, shipped and received quantities',
    module: 'inventory',
    requires,
    access,
    params: contracts.idParams,
    response: contracts.transferSchema,
    handler: async ({ params, principal }) => ({
      data: await getTransfer(deps, signedIn(principal), params.id),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/inventory/transfers/:id/ship',
    operationId: 'shipStockTransfer',
    summary: 'Ship a draft transfer: its stock leaves the source and is in transit',
    module: 'inventory',
    requires,
    access,
    params: contracts.idParams,
    response: contracts.transferSchema,
    handler: async ({ params, principal, request }) => ({
      data: await shipTransfer(deps, signedIn(principal), params.id, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/inventory/transfers/:id/receive',
    operationId: 'receiveStockTransfer',
    summary: 'Receive some or all of a shipped transfer at its destination',
    module: 'inventory',
    requires,
    access,
    params: contracts.idParams,
    body: contracts.receiveTransferBody,
    response: contracts.transferSchema,
    handler: async ({ params, body, principal, request }) => ({
      data: await receiveTransfer(deps, signedIn(principal), params.id, body, requestMeta(request)),
    }),
  }),
];
