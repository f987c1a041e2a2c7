import {
  identityContracts as contracts,
  createApiKey,
  type IdentityDeps,
  identityPermissions,
  listTenantApiKeys,
  memberContracts,
  revokeTenantApiKey,
} from '@tenantry/identity';
import { z } from 'zod';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from './request-meta';

const manage = { permission: identityPermissions.apiKeyManage };

/** /v1/tenants/current/api-keys: keys for integrations, each with a subset of its creator's permissions. */
export const apiKeyRoutes = (deps: IdentityDeps) => [
  defineRoute({
    method: 'POST',
    path: '/v1/tenants/current/api-keys',
    operationId: 'createApiKey',
    credentials: true,
    summary: 'Create an API key; the key is in this response only',
    module: 'tenants',
    access: manage,
    body: memberContracts.apiKeyBody,
    response: memberContracts.createdApiKeySchema,
    successStatus: 201,
    handler: async ({ body, principal, request }) => ({
      data: await createApiKey(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/tenants/current/api-keys',
    operationId: 'listApiKeys',
    summary: "The tenant's API keys, newest first (never the key itself)",
    module: 'tenants',
    access: manage,
    response: z.array(memberContracts.apiKeySchema),
    handler: async ({ principal }) => ({ data: await listTenantApiKeys(deps, signedIn(principal)) }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/v1/tenants/current/api-keys/:id',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key; it is refused from its next request on',
    module: 'tenants',
    access: manage,
    params: contracts.idParams,
    response: memberContracts.apiKeySchema,
    handler: async ({ params, principal, request }) => ({
      data: await revokeTenantApiKey(deps, signedIn(principal), params.id, requestMeta(request)),
    }),
  }),
];
