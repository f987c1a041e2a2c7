import type { Clock, IdGenerator } from '@tenantry/core';
import type { TenancyRouter } from '@tenantry/db';

export type { RequestMeta } from '@tenantry/audit';

/** Everything inventory's services need, passed in by the composition root. */
export interface InventoryDeps {
  router: TenancyRouter;
  clock: Clock;
  newId: IdGenerator;
}
