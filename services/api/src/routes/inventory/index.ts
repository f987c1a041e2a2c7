import type { InventoryDeps, LocationQuotaGate } from '@tenantry/inventory';
import type { AnyRouteDefinition } from '../../http/route';
import { itemRoutes } from './items.routes';
import { stockRoutes } from './stock.routes';

/** Every /v1/inventory route. */
export const inventoryRoutes = (
  deps: InventoryDeps & { locationQuota?: LocationQuotaGate },
): AnyRouteDefinition[] => [...itemRoutes(deps), ...stockRoutes(deps)];
