import { assertHolds, holds, type Principal } from '@tenantry/core';

/** Passes when the principal holds the permission at one of the locations (or tenant-wide); throws AUTHZ. */
export const assertHoldsAtAny = (
  principal: Principal,
  permission: string,
  locationIds: readonly [string, ...string[]],
): void => {
  if (locationIds.some((locationId) => holds(principal, permission, locationId))) return;
  assertHolds(principal, permission, locationIds[0]);
};
