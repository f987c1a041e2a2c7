import {
  acceptInvitation,
  identityContracts as contracts,
  createInvitation,
  type IdentityDeps,
  identityPermissions,
  listInvitations,
  memberContracts,
  revokeTenantInvitation,
} from '@tenantry/identity';
import { z } from 'zod';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from './request-meta';

const manage = { permission: identityPermissions.invitationManage };

/** Invitations: sent from /v1/tenants/current/invitations, accepted at /v1/auth/invitations/accept. */
export const invitationRoutes = (deps: IdentityDeps) => [
  defineRoute({
    method: 'POST',
    path: '/v1/tenants/current/invitations',
    operationId: 'createInvitation',
    summary: 'Invite someone by e-mail with a role no higher than your own',
    module: 'tenants',
    access: manage,
    body: memberContracts.invitationBody,
    response: memberContracts.invitationSchema,
    successStatus: 201,
    handler: async ({ body, principal, request }) => ({
      data: await createInvitation(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/tenants/current/invitations',
    operationId: 'listInvitations',
    summary: 'Open invitations (pending or expired)',
    module: 'tenants',
    access: manage,
    response: z.array(memberContracts.invitationSchema),
    handler: async ({ principal }) => ({ data: await listInvitations(deps, signedIn(principal)) }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/v1/tenants/current/invitations/:id',
    operationId: 'revokeInvitation',
    summary: 'Revoke an open invitation; its link stops working',
    module: 'tenants',
    access: manage,
    params: contracts.idParams,
    response: contracts.okSchema,
    handler: async ({ params, principal, request }) => {
      await revokeTenantInvitation(deps, signedIn(principal), params.id, requestMeta(request));
      return { data: { ok: true as const } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/auth/invitations/accept',
    operationId: 'acceptInvitation',
    summary: 'Accept an invitation: joins the existing account, or creates one (name and password)',
    module: 'auth',
    access: { public: true },
    body: memberContracts.acceptInvitationBody,
    response: memberContracts.acceptInvitationResponseSchema,
    handler: async ({ body, request }) => ({
      data: await acceptInvitation(deps, body, requestMeta(request)),
    }),
  }),
];
