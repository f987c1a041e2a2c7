import {
  rbacContracts as contracts,
  effectiveAccess,
  permissionMatrix,
  type RbacDeps,
  rbacPermissions,
} from '@tenantry/rbac';
import { defineRoute } from '../../http/route';
import { signedIn } from '../identity/request-meta';

/** Who holds what: the caller's own access, and the tenant's permission matrix. */
export const accessRoutes = (deps: RbacDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/rbac/me',
    operationId: 'myAccess',
    summary: 'Your effective permissions, roles, rank and per-location permissions, as of this request',
    module: 'rbac',
    requires: { module: 'rbac' },
    access: { authenticated: true },
    response: contracts.effectiveAccessSchema,
    handler: async ({ principal }) => ({ data: effectiveAccess(signedIn(principal)) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/rbac/permission-matrix',
    operationId: 'permissionMatrix',
    summary: 'For each permission of the enabled modules: how many members hold it, per role',
    module: 'rbac',
    requires: { module: 'rbac', feature: 'rbac.matrix' },
    access: { permission: rbacPermissions.matrixRead },
    response: contracts.permissionMatrixSchema,
    handler: async ({ principal }) => ({ data: await permissionMatrix(deps, signedIn(principal)) }),
  }),
];
