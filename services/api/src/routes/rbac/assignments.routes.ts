import {
  assignRole,
  rbacContracts as contracts,
  listUserRoles,
  type RbacDeps,
  rbacPermissions,
  unassignRole,
} from '@tenantry/rbac';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from '../identity/request-meta';

/** /v1/rbac/users/:id/roles: the roles a member holds beyond their base role. */
export const assignmentRoutes = (deps: RbacDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/rbac/users/:id/roles',
    operationId: 'listUserRoles',
    summary: "A member's base role and assigned roles (tenant-wide or at a location)",
    module: 'rbac',
    requires: { module: 'rbac', feature: 'rbac.custom-roles' },
    access: { permission: rbacPermissions.roleRead },
    params: contracts.idParams,
    response: contracts.memberRolesSchema,
    handler: async ({ params, principal }) => ({
      data: await listUserRoles(deps, signedIn(principal), params.id),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/rbac/users/:id/roles',
    operationId: 'assignRole',
    summary: 'Assign a role to another member, at most your rank; applies on their next request',
    module: 'rbac',
    requires: { module: 'rbac', feature: 'rbac.custom-roles' },
    access: { permission: rbacPermissions.assignmentManage },
    params: contracts.idParams,
    body: contracts.assignRoleBody,
    response: contracts.assignmentSchema,
    successStatus: 201,
    handler: async ({ params, body, principal, request }) => ({
      data: await assignRole(deps, signedIn(principal), params.id, body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/v1/rbac/users/:id/roles/:assignmentId',
    operationId: 'unassignRole',
    summary: "Take back a member's role assignment; applies on their next request",
    module: 'rbac',
    requires: { module: 'rbac', feature: 'rbac.custom-roles' },
    access: { permission: rbacPermissions.assignmentManage },
    params: contracts.assignmentParams,
    response: contracts.assignmentSchema,
    handler: async ({ params, principal, request }) => ({
      data: await unassignRole(
        deps,
        signedIn(principal),
        params.id,
        params.assignmentId,
        requestMeta(request),
      ),
    }),
  }),
];
