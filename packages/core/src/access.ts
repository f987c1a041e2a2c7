import { authzError, errorCodes, notFoundError } from './errors';
import type { Principal } from './tenant-context';

/**
 * Whether the principal holds a permission tenant-wide, or, given a location,
 * at that location through a location-scoped role.
 */
export const holds = (principal: Principal, permission: string, locationId?: string | null): boolean =>
  principal.permissions.includes(permission) ||
  (locationId != null && (principal.locationPermissions?.[locationId]?.includes(permission) ?? false));

/**
 * Whether the principal holds a permission tenant-wide or at any location:
 * the route guard's test, since the location is known only to the service,
 * which checks it there again.
 */
export const holdsAnywhere = (principal: Principal, permission: string): boolean =>
  principal.permissions.includes(permission) ||
  Object.values(principal.locationPermissions ?? {}).some((held) => held.includes(permission));

/**
 * Zero trust: every service checks the permission again, so a worker or a
 * script calling it is held to the same rule as the HTTP guard. Throws AUTHZ.
 */
export const assertHolds = (principal: Principal, permission: string, locationId?: string | null): void => {
  if (principal.tenantStatus === 'pending') {
    throw authzError('This tenant awaits approval', { code: errorCodes.TENANT_PENDING });
  }
  if (!holds(principal, permission, locationId)) {
    throw authzError('You do not have permission to do this', {
      details: locationId ? { permission, locationId } : { permission },
    });
  }
};

/** The tenant a principal acts in, after checking the permission again; no tenant is NOT_FOUND. */
export const tenantScopeOf = (
  principal: Principal,
  permission: string,
  locationId?: string | null,
): string => {
  if (!principal.tenantId) throw notFoundError('Tenant not found');
  assertHolds(principal, permission, locationId);
  return principal.tenantId;
};

/**
 * The tenant of a principal who holds a permission tenant-wide or at some
 * location, for an operation on a document whose location is known only once
 * it is read (a ticket, a transfer). The service must then check the
 * permission at the document's location with `assertHolds`.
 */
export const tenantOfHolder = (principal: Principal, permission: string): string => {
  if (!principal.tenantId) throw notFoundError('Tenant not found');
  // assertHolds words the refusal: a pending tenant, or no such permission anywhere.
  if (principal.tenantStatus === 'pending' || !holdsAnywhere(principal, permission)) {
    assertHolds(principal, permission);
  }
  return principal.tenantId;
};
