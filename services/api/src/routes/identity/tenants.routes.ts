import {
  identityContracts as contracts,
  currentTenant,
  type IdentityDeps,
  identityPermissions,
} from '@tenantry/identity';
import { defineRoute } from '../../http/route';
import { signedIn } from './request-meta';

/** /v1/tenants/current: the caller's own tenant. */
export const tenantRoutes = (deps: IdentityDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/tenants/current',
    operationId: 'getCurrentTenant',
    summary: "The caller's tenant",
    module: 'tenants',
    access: { permission: identityPermissions.tenantRead },
    response: contracts.tenantSchema,
    handler: async ({ principal }) => ({ data: await currentTenant(deps, signedIn(principal)) }),
  }),
];
