import type { PosDeps } from '@tenantry/pos';
import type { AnyRouteDefinition } from '../../http/route';
import { receiptRoutes } from './receipts.routes';
import { refundRoutes } from './refunds.routes';
import { reportRoutes } from './reports.routes';
import { setupRoutes } from './setup.routes';
import { ticketRoutes } from './tickets.routes';

/** Every /v1/pos route. */
export const posRoutes = (deps: PosDeps): AnyRouteDefinition[] => [
  ...setupRoutes(deps),
  ...ticketRoutes(deps),
  ...refundRoutes(deps),
  ...receiptRoutes(deps),
  ...reportRoutes(deps),
];
