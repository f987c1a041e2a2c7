import { type Clock, newId, systemClock } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
import { createStockFromSalesHandler } from '@tenantry/inventory';
import type { EventHandler } from '@tenantry/outbox';

/** Event consumers of the platform's modules; each module adds its handlers here as it arrives. */
export const platformHandlers = (
  db: Pick<DatabaseRuntime, 'router'>,
  clock: Clock = systemClock,
): EventHandler[] => [
  // POS -> inventory: a settled ticket deducts stock, a restocking refund returns it.
  createStockFromSalesHandler({ router: db.router, clock, newId }),
];
