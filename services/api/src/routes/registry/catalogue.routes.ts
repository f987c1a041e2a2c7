import {
  catalogueAdminContracts as admin,
  createModule,
  getModule,
  listCatalogueFor,
  listModulesAsSuperadmin,
  type ModuleRegistryDeps,
  retireModule,
  updateModule,
} from '@tenantry/module-registry';
import { z } from 'zod';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from '../identity/request-meta';
import { manageRegistry } from './access';

/** /v1/module-registry/modules for everyone signed in; /v1/superadmin/modules to govern the catalogue. */
export const catalogueRoutes = (deps: ModuleRegistryDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/module-registry/modules',
    operationId: 'listCatalogueModules',
    summary:
      'The module catalogue: for a tenant caller (registry.module.read) the active modules with `enabled`, for a superadmin every module',
    module: 'module-registry',
    // Tenant users (registry.module.read) and superadmins both read it: the service checks which.
    access: { authenticated: true },
    requires: { module: 'registry' },
    response: z.array(admin.catalogueModuleSchema),
    handler: async ({ principal }) => ({ data: await listCatalogueFor(deps, signedIn(principal)) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/modules',
    operationId: 'listModules',
    summary: 'Every catalogue module, retired ones included',
    module: 'superadmin',
    access: manageRegistry,
    response: z.array(admin.moduleEntrySchema),
    handler: async ({ principal }) => ({ data: await listModulesAsSuperadmin(deps, signedIn(principal)) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/modules/:key',
    operationId: 'getModule',
    summary: 'One catalogue module',
    module: 'superadmin',
    access: manageRegistry,
    params: admin.moduleKeyParams,
    response: admin.moduleEntrySchema,
    handler: async ({ params, principal }) => ({
      data: await getModule(deps, signedIn(principal), params.key),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/superadmin/modules',
    operationId: 'createModule',
    summary: 'Add a module with its features and permissions (`<module>.<resource>.<action>`)',
    module: 'superadmin',
    access: manageRegistry,
    body: admin.moduleDefinitionSchema,
    response: admin.moduleEntrySchema,
    successStatus: 201,
    handler: async ({ body, principal, request }) => ({
      data: await createModule(deps, signedIn(principal), body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/v1/superadmin/modules/:key',
    operationId: 'updateModule',
    summary:
      'Edit a module: name, description, features, permissions. Removing a permission still held answers 409 PERMISSION_IN_USE',
    module: 'superadmin',
    access: manageRegistry,
    params: admin.moduleKeyParams,
    body: admin.updateModuleBody,
    response: admin.moduleEntrySchema,
    handler: async ({ params, body, principal, request }) => ({
      data: await updateModule(deps, signedIn(principal), params.key, body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/superadmin/modules/:key/retire',
    operationId: 'retireModule',
    summary:
      'Retire a module for every tenant; 409 PERMISSION_IN_USE while roles hold its permissions unless `confirm` is true',
    module: 'superadmin',
    access: manageRegistry,
    params: admin.moduleKeyParams,
    body: admin.retireModuleBody,
    response: admin.moduleEntrySchema,
    handler: async ({ params, body, principal, request }) => ({
      data: await retireModule(
        deps,
        signedIn(principal),
        params.key,
        { confirm: body?.confirm ?? false },
        requestMeta(request),
      ),
    }),
  }),
];
