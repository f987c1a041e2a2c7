import {
  inventoryContracts as contracts,
  getInventorySettings,
  type InventoryDeps,
  inventoryPermissions,
  updateInventorySettings,
} from '@tenantry/inventory';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from '../identity/request-meta';

// Settings govern how stock may move (negative levels): the movements feature.
const requires = { module: 'inventory', feature: 'inventory.movements' };

/** /v1/inventory/settings: the tenant's inventory rules. */
export const settingsRoutes = (deps: InventoryDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/inventory/settings',
    operationId: 'getInventorySettings',
    summary: "The tenant's inventory settings",
    module: 'inventory',
    requires,
    access: { permission: inventoryPermissions.stockRead },
    response: contracts.settingsSchema,
    handler: async ({ principal }) => ({ data: await getInventorySettings(deps, signedIn(principal)) }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/v1/inventory/settings',
    operationId: 'updateInventorySettings',
    summary: 'Change whether adjustments and shipments may take stock below zero',
    module: 'inventory',
    requires,
    access: { permission: inventoryPermissions.locationManage },
    body: contracts.updateSettingsBody,
    response: contracts.settingsSchema,
    handler: async ({ body, principal, request }) => ({
      data: await updateInventorySettings(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
];
