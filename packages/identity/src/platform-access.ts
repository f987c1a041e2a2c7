import { authzError, type Principal } from '@tenantry/core';

/**
 * Zero trust for superadmin reads and writes: the service checks again what
 * the route guard checked, so a worker or a script is held to the same rule.
 * A tenant's principal never passes, whatever permissions its roles name.
 */
export const requirePlatformPermission = (principal: Principal, permission: string): void => {
  if (principal.tenantId !== null || !principal.permissions.includes(permission)) {
    throw authzError('You do not have permission to do this', { details: { permission } });
  }
};
