// The permission re-check is shared by every domain; RBAC re-exports it for its callers.
export { assertHolds, holds, tenantScopeOf } from '@tenantry/core';
