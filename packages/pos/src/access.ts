import { assertHolds, holdsAnywhere, notFoundError, type Principal } from '@tenantry/core';

/**
 * The tenant of a principal that holds the permission somewhere, tenant-wide
 * or at a location. A service then loads the document and checks the
 * permission at its location with `assertHolds` (a store-scoped cashier
 * reaches only their store's registers, shifts and tickets).
 */
export const tenantOfHolder = (principal: Principal, permission: string): string => {
  if (!principal.tenantId) throw notFoundError('Tenant not found');
  // Throws the precise refusal (pending tenant, missing permission).
  if (!holdsAnywhere(principal, permission)) assertHolds(principal, permission);
  return principal.tenantId;
};
