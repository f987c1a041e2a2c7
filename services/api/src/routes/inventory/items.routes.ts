import {
  inventoryContracts as contracts,
  createItem,
  getItem,
  type InventoryDeps,
  inventoryPermissions,
  itemStock,
  listItems,
  updateItem,
} from '@tenantry/inventory';
import { z } from 'zod';
import { pageOf } from '../../http/envelope';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from '../identity/request-meta';

const requires = { module: 'inventory', feature: 'inventory.items' };

/** /v1/inventory/items: the catalogue of what a tenant stocks and sells. */
export const itemRoutes = (deps: InventoryDeps) => [
  defineRoute({
    method: 'POST',
    path: '/v1/inventory/items',
    operationId: 'createInventoryItem',
    summary: 'Create an item (SKU unique per tenant, price in minor units)',
    module: 'inventory',
    requires,
    access: { permission: inventoryPermissions.itemManage },
    body: contracts.createItemBody,
    response: contracts.itemSchema,
    successStatus: 201,
    handler: async ({ body, principal, request }) => ({
      data: await createItem(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/inventory/items',
    operationId: 'listInventoryItems',
    summary: 'Items by SKU, searched by SKU, name or barcode, in cursor pages',
    module: 'inventory',
    requires,
    access: { permission: inventoryPermissions.itemRead },
    query: contracts.listItemsQuery,
    response: z.array(contracts.itemSchema),
    paginated: true,
    handler: async ({ query, principal }) =>
      pageOf(await listItems(deps, signedIn(principal), query), query.limit),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/inventory/items/:id',
    operationId: 'getInventoryItem',
    summary: 'One item',
    module: 'inventory',
    requires,
    access: { permission: inventoryPermissions.itemRead },
    params: contracts.idParams,
    response: contracts.itemSchema,
    handler: async ({ params, principal }) => ({ data: await getItem(deps, signedIn(principal), params.id) }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/v1/inventory/items/:id',
    operationId: 'updateInventoryItem',
    summary: 'Change an item, archive or restore it; tickets already rung up keep their price',
    module: 'inventory',
    requires,
    access: { permission: inventoryPermissions.itemManage },
    params: contracts.idParams,
    body: contracts.updateItemBody,
    response: contracts.itemSchema,
    handler: async ({ params, body, principal, request }) => ({
      data: await updateItem(deps, signedIn(principal), params.id, body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/inventory/items/:id/stock',
    operationId: 'getInventoryItemStock',
    summary: "An item's stock per location: on hand, in transit to it, and whether it is low",
    module: 'inventory',
    requires: { module: 'inventory', feature: 'inventory.movements' },
    access: { permission: inventoryPermissions.stockRead },
    params: contracts.idParams,
    response: z.array(contracts.stockLevelSchema),
    handler: async ({ params, principal }) => ({
      data: await itemStock(deps, signedIn(principal), params.id),
    }),
  }),
];
