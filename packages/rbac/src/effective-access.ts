import type { Principal } from '@tenantry/core';

/** GET /v1/rbac/me: what the caller may do right now, as the access resolver found it. */
export const effectiveAccess = (principal: Principal) => ({
  kind: principal.kind,
  tenantId: principal.tenantId,
  roles: [...principal.roles],
  rank: principal.rank ?? 0,
  permissions: [...principal.permissions].sort(),
  locationPermissions: Object.fromEntries(
    Object.entries(principal.locationPermissions ?? {}).map(([locationId, permissions]) => [
      locationId,
      [...permissions],
    ]),
  ),
  modules: [...(principal.modules ?? [])],
});
