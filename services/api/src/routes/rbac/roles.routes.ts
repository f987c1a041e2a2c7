import {
  rbacContracts as contracts,
  createRole,
  deleteRole,
  listPermissions,
  listRoles,
  type RbacDeps,
  rbacPermissions,
  updateRole,
} from '@tenantry/rbac';
import { z } from 'zod';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from '../identity/request-meta';

const manage = { permission: rbacPermissions.roleManage };

/** /v1/rbac/permissions and /v1/rbac/roles: what the tenant's modules define, and its roles. */
export const roleRoutes = (deps: RbacDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/rbac/permissions',
    operationId: 'listPermissions',
    summary: "Permissions the tenant's enabled modules define, with the built-in roles holding each",
    module: 'rbac',
    requires: { module: 'rbac' },
    access: { permission: rbacPermissions.permissionRead },
    response: z.array(contracts.permissionEntrySchema),
    handler: async ({ principal }) => ({ data: await listPermissions(deps, signedIn(principal)) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/rbac/roles',
    operationId: 'listRoles',
    summary: "The tenant's roles, built-in and custom, highest rank first, with effective permissions",
    module: 'rbac',
    requires: { module: 'rbac', feature: 'rbac.custom-roles' },
    access: { permission: rbacPermissions.roleRead },
    response: z.array(contracts.roleSchema),
    handler: async ({ principal }) => ({ data: await listRoles(deps, signedIn(principal)) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/rbac/roles',
    operationId: 'createRole',
    summary: 'Create a custom role from permissions you hold, ranked at most your rank',
    module: 'rbac',
    requires: { module: 'rbac', feature: 'rbac.custom-roles' },
    access: manage,
    body: contracts.createRoleBody,
    response: contracts.roleSchema,
    successStatus: 201,
    handler: async ({ body, principal, request }) => ({
      data: await createRole(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/v1/rbac/roles/:id',
    operationId: 'updateRole',
    summary: 'Rename a custom role, change its permissions or rank; holders get it on their next request',
    module: 'rbac',
    requires: { module: 'rbac', feature: 'rbac.custom-roles' },
    access: manage,
    params: contracts.idParams,
    body: contracts.updateRoleBody,
    response: contracts.roleSchema,
    handler: async ({ params, body, principal, request }) => ({
      data: await updateRole(deps, signedIn(principal), params.id, body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/v1/rbac/roles/:id',
    operationId: 'deleteRole',
    summary: 'Delete a custom role and its assignments; says how many assignments went',
    module: 'rbac',
    requires: { module: 'rbac', feature: 'rbac.custom-roles' },
    access: manage,
    params: contracts.idParams,
    response: contracts.deletedRoleSchema,
    handler: async ({ params, principal, request }) => ({
      data: await deleteRole(deps, signedIn(principal), params.id, requestMeta(request)),
    }),
  }),
];
