import type { InventoryDeps, LocationQuotaGate } from '@tenantry/inventory';
import type { AnyRouteDefinition } from '../../http/route';
import { alertRoutes } from './alerts.routes';
import { countRoutes } from './counts.routes';
import { itemRoutes } from './items.routes';
import { ledgerRoutes } from './ledger.routes';
import { settingsRoutes } from './settings.routes';
import { stockRoutes } from './stock.routes';
import { transferRoutes } from './transfers.routes';

/** Every /v1/inventory route. */
export const inventoryRoutes = (
  deps: InventoryDeps & { locationQuota?: LocationQuotaGate },
): AnyRouteDefinition[] => [
  ...itemRoutes(deps),
  ...stockRoutes(deps),
  ...ledgerRoutes(deps),
  ...transferRoutes(deps),
  ...countRoutes(deps),
  ...alertRoutes(deps),
  ...settingsRoutes(deps),
];
