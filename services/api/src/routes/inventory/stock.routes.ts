import {
  inventoryContracts as contracts,
  createLocation,
  createMovement,
  type InventoryDeps,
  inventoryPermissions,
  type LocationQuotaGate,
  listLocations,
} from '@tenantry/inventory';
import { z } from 'zod';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from '../identity/request-meta';

/** /v1/inventory/locations and /v1/inventory/movements: where stock is, and how it moves by hand. */
export const stockRoutes = (deps: InventoryDeps & { locationQuota?: LocationQuotaGate }) => [
  defineRoute({
    method: 'POST',
    path: '/v1/inventory/locations',
    operationId: 'createInventoryLocation',
    summary: "Add a store or warehouse (counts toward the plan's locations quota)",
    module: 'inventory',
    requires: { module: 'inventory', feature: 'inventory.locations' },
    access: { permission: inventoryPermissions.locationManage },
    body: contracts.createLocationBody,
    response: contracts.locationSchema,
    successStatus: 201,
    handler: async ({ body, principal, request }) => ({
      data: await createLocation(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/inventory/locations',
    operationId: 'listInventoryLocations',
    summary: "The tenant's stores and warehouses by code",
    module: 'inventory',
    requires: { module: 'inventory', feature: 'inventory.locations' },
    access: { permission: inventoryPermissions.itemRead },
    response: z.array(contracts.locationSchema),
    handler: async ({ principal }) => ({ data: await listLocations(deps, signedIn(principal)) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/inventory/movements',
    operationId: 'createStockMovement',
    summary: 'Receive goods or adjust stock at a location, with a reason; the level moves with the ledger',
    module: 'inventory',
    requires: { module: 'inventory', feature: 'inventory.movements' },
    access: { permission: inventoryPermissions.stockAdjust },
    body: contracts.createMovementBody,
    response: contracts.movementSchema,
    successStatus: 201,
    handler: async ({ body, principal, request }) => ({
      data: await createMovement(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
];
