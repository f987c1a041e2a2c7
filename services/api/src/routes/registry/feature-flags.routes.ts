import {
  archiveFeatureFlag,
  flagContracts as contracts,
  createFeatureFlag,
  evaluatedFlagsFor,
  getFeatureFlag,
  listFeatureFlags,
  type ModuleRegistryDeps,
  registryPermissions,
  updateFeatureFlag,
} from '@tenantry/module-registry';
import { z } from 'zod';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from '../identity/request-meta';
import { manageRegistry } from './access';

/** /v1/feature-flags for tenants (evaluated); /v1/superadmin/feature-flags to define them. */
export const featureFlagRoutes = (deps: ModuleRegistryDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/feature-flags',
    operationId: 'listEvaluatedFeatureFlags',
    summary: "Every live feature flag, evaluated for the caller's tenant",
    module: 'module-registry',
    access: { permission: registryPermissions.flagRead },
    requires: { module: 'registry', feature: 'registry.flags' },
    response: z.array(contracts.evaluatedFlagSchema),
    handler: async ({ principal }) => ({ data: await evaluatedFlagsFor(deps, signedIn(principal)) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/feature-flags',
    operationId: 'listFeatureFlags',
    summary: 'Feature flags as defined; archived ones with ?archived=true',
    module: 'superadmin',
    access: manageRegistry,
    query: contracts.flagListQuery,
    response: z.array(contracts.flagSchema),
    handler: async ({ query, principal }) => ({
      data: await listFeatureFlags(deps, signedIn(principal), { archived: query.archived }),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/feature-flags/:key',
    operationId: 'getFeatureFlag',
    summary: 'One feature flag',
    module: 'superadmin',
    access: manageRegistry,
    params: contracts.flagKeyParams,
    response: contracts.flagSchema,
    handler: async ({ params, principal }) => ({
      data: await getFeatureFlag(deps, signedIn(principal), params.key),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/superadmin/feature-flags',
    operationId: 'createFeatureFlag',
    summary: 'Define a feature flag: a default, per-tenant overrides, a sticky percentage rollout',
    module: 'superadmin',
    access: manageRegistry,
    body: contracts.createFlagBody,
    response: contracts.flagSchema,
    successStatus: 201,
    handler: async ({ body, principal, request }) => ({
      data: await createFeatureFlag(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/v1/superadmin/feature-flags/:key',
    operationId: 'updateFeatureFlag',
    summary: 'Change a flag: description, default, rules (replaced as a whole)',
    module: 'superadmin',
    access: manageRegistry,
    params: contracts.flagKeyParams,
    body: contracts.updateFlagBody,
    response: contracts.flagSchema,
    handler: async ({ params, body, principal, request }) => ({
      data: await updateFeatureFlag(deps, signedIn(principal), params.key, body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/v1/superadmin/feature-flags/:key',
    operationId: 'archiveFeatureFlag',
    summary: 'Archive a flag: no longer evaluated, its key stays taken',
    module: 'superadmin',
    access: manageRegistry,
    params: contracts.flagKeyParams,
    response: contracts.flagSchema,
    handler: async ({ params, principal, request }) => ({
      data: await archiveFeatureFlag(deps, signedIn(principal), params.key, requestMeta(request)),
    }),
  }),
];
