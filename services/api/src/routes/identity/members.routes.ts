import {
  changeMemberRole,
  identityContracts as contracts,
  type IdentityDeps,
  identityPermissions,
  listMembers,
  memberContracts,
  removeMember,
} from '@tenantry/identity';
import { z } from 'zod';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from './request-meta';

/** /v1/tenants/current/members: who belongs to the caller's tenant, with which role. */
export const memberRoutes = (deps: IdentityDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/tenants/current/members',
    operationId: 'listMembers',
    summary: "Members of the caller's tenant",
    module: 'tenants',
    access: { permission: identityPermissions.memberRead },
    response: z.array(memberContracts.memberSchema),
    handler: async ({ principal }) => ({ data: await listMembers(deps, signedIn(principal)) }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/v1/tenants/current/members/:userId',
    operationId: 'changeMemberRole',
    summary: "Change a member's role (never above your own; the last owner stays an owner)",
    module: 'tenants',
    access: { permission: identityPermissions.memberManage },
    params: memberContracts.memberParams,
    body: memberContracts.memberRoleBody,
    response: memberContracts.membershipSchema,
    handler: async ({ params, body, principal, request }) => ({
      data: await changeMemberRole(deps, signedIn(principal), params.userId, body.role, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/v1/tenants/current/members/:userId',
    operationId: 'removeMember',
    summary: 'Remove a member; their sessions in this tenant end at once',
    module: 'tenants',
    access: { permission: identityPermissions.memberManage },
    params: memberContracts.memberParams,
    response: contracts.okSchema,
    handler: async ({ params, principal, request }) => {
      await removeMember(deps, signedIn(principal), params.userId, requestMeta(request));
      return { data: { ok: true as const } };
    },
  }),
];
