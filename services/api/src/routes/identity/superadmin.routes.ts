import {
  approveTenant,
  identityContracts as contracts,
  type IdentityDeps,
  listTenantsPage,
  memberContracts,
  platformPermissions,
  reactivateTenant,
  setUserStatus,
  setupFirstSuperadmin,
  suspendTenant,
  tenantDetail,
  tenantMembersAsSuperadmin,
} from '@tenantry/identity';
import { z } from 'zod';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from './request-meta';

const manage = { permission: platformPermissions.tenantManage };

const userStatusSchema = contracts.userSummarySchema
  .extend({ status: z.enum(['active', 'disabled']) })
  .meta({ id: 'UserStatus' });

/** /v1/superadmin: first-run setup, the tenant lifecycle and what a tenant holds (members, storage). */
export const superadminRoutes = (deps: IdentityDeps) => [
  defineRoute({
    method: 'POST',
    path: '/v1/superadmin/setup',
    operationId: 'setupSuperadmin',
    summary: 'Create the first superadmin (only while none exists)',
    module: 'superadmin',
    access: { public: true },
    body: contracts.setupBody,
    response: contracts.userSummarySchema,
    successStatus: 201,
    handler: async ({ body, request }) => ({
      data: await setupFirstSuperadmin(deps, body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/tenants',
    operationId: 'listTenants',
    summary: 'Tenants, filtered by status and name or slug, newest first',
    module: 'superadmin',
    access: manage,
    query: contracts.tenantListQuery,
    response: z.array(contracts.tenantSchema),
    paginated: true,
    handler: async ({ query }) => {
      const page = await listTenantsPage(deps, query);
      return { data: page.items, pagination: { next_cursor: page.nextCursor, limit: query.limit } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/tenants/:id',
    operationId: 'getTenant',
    summary: 'One tenant, with the connection mode its data lives in',
    module: 'superadmin',
    access: manage,
    params: contracts.idParams,
    response: contracts.tenantDetailSchema,
    handler: async ({ params, principal }) => ({
      data: await tenantDetail(deps, signedIn(principal), params.id),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/tenants/:id/members',
    operationId: 'listTenantMembers',
    summary: "A tenant's members with their base role and account status, oldest first",
    module: 'superadmin',
    access: manage,
    params: contracts.idParams,
    response: z.array(memberContracts.memberSchema),
    handler: async ({ params, principal }) => ({
      data: await tenantMembersAsSuperadmin(deps, signedIn(principal), params.id),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/superadmin/tenants/:id/approve',
    operationId: 'approveTenant',
    summary:
      'Approve a pending tenant: provision its data in its connection mode and send the welcome e-mail',
    module: 'superadmin',
    access: manage,
    params: contracts.idParams,
    body: contracts.approveBody,
    response: contracts.tenantSchema,
    handler: async ({ params, body, principal, request }) => ({
      data: await approveTenant(deps, signedIn(principal), params.id, body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/superadmin/tenants/:id/suspend',
    operationId: 'suspendTenant',
    summary: 'Suspend a tenant: its users are refused (403 TENANT_SUSPENDED), its data kept',
    module: 'superadmin',
    access: manage,
    params: contracts.idParams,
    body: contracts.suspendBody,
    response: contracts.tenantSchema,
    handler: async ({ params, body, principal, request }) => ({
      data: await suspendTenant(deps, signedIn(principal), params.id, body.reason, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/superadmin/tenants/:id/reactivate',
    operationId: 'reactivateTenant',
    summary: 'Lift a suspension',
    module: 'superadmin',
    access: manage,
    params: contracts.idParams,
    response: contracts.tenantSchema,
    handler: async ({ params, principal, request }) => ({
      data: await reactivateTenant(deps, signedIn(principal), params.id, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/superadmin/users/:id/disable',
    operationId: 'disableUser',
    summary: 'Disable an account: its sessions end at once, its memberships stay',
    module: 'superadmin',
    access: { permission: platformPermissions.userManage },
    params: contracts.idParams,
    body: contracts.suspendBody,
    response: userStatusSchema,
    handler: async ({ params, body, principal, request }) => ({
      data: await setUserStatus(
        deps,
        signedIn(principal),
        params.id,
        { status: 'disabled', reason: body.reason },
        requestMeta(request),
      ),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/superadmin/users/:id/enable',
    operationId: 'enableUser',
    summary: 'Enable a disabled account',
    module: 'superadmin',
    access: { permission: platformPermissions.userManage },
    params: contracts.idParams,
    response: userStatusSchema,
    handler: async ({ params, principal, request }) => ({
      data: await setUserStatus(
        deps,
        signedIn(principal),
        params.id,
        { status: 'active' },
        requestMeta(request),
      ),
    }),
  }),
];
