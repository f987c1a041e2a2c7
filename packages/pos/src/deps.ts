import type { Clock, IdGenerator } from '@tenantry/core';
import type { TenancyRouter } from '@tenantry/db';

export type { RequestMeta } from '@tenantry/audit';

/** Everything POS's services need, passed in by the composition root. */
export interface PosDeps {
  router: TenancyRouter;
  clock: Clock;
  newId: IdGenerator;
  /** Counts one ticket against the tenant's monthly quota; throws QUOTA_EXCEEDED past the hard limit. */
  consumeTicketQuota?(tenantId: string): Promise<void>;
}
