import { type Clock, newId, systemClock } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
import { consumeQuota, type EntitlementsDeps } from '@tenantry/module-registry';
import type { PosDeps } from '@tenantry/pos';
import type { AnyRouteDefinition } from './http/route';
import { posRoutes } from './routes/pos';

export interface PosModule {
  deps: PosDeps;
  routes: AnyRouteDefinition[];
}

/** POS wired for HTTP: each ticket counts against the plan's monthly tickets. */
export const createPosModule = (options: {
  db: DatabaseRuntime;
  entitlements: EntitlementsDeps;
  clock?: Clock;
}): PosModule => {
  const deps: PosDeps = {
    router: options.db.router,
    clock: options.clock ?? systemClock,
    newId,
    consumeTicketQuota: async (tenantId) =>
      void (await consumeQuota(options.entitlements, tenantId, 'pos_tickets_per_month')),
  };
  return { deps, routes: posRoutes(deps) };
};
