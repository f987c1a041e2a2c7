import {
  catalogueAdminContracts as admin,
  listTenantModules,
  type ModuleRegistryDeps,
  setTenantModule,
} from '@tenantry/module-registry';
import { z } from 'zod';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from '../identity/request-meta';
import { manageRegistry } from './access';

/** /v1/superadmin/tenants/:id/modules: which modules a tenant has, and the switch. */
export const tenantModuleRoutes = (deps: ModuleRegistryDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/tenants/:id/modules',
    operationId: 'listTenantModules',
    summary: "A tenant's modules: every active module and whether the tenant has it",
    module: 'superadmin',
    access: manageRegistry,
    params: admin.tenantIdParams,
    response: z.array(admin.tenantModuleSchema),
    handler: async ({ params, principal }) => ({
      data: await listTenantModules(deps, signedIn(principal), params.id),
    }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/v1/superadmin/tenants/:id/modules/:moduleKey',
    operationId: 'setTenantModule',
    summary:
      "Switch a module on or off for a tenant (core modules stay on: 409). Its routes and permissions follow on the tenant's next request",
    module: 'superadmin',
    access: manageRegistry,
    params: admin.tenantModuleParams,
    body: admin.setTenantModuleBody,
    response: admin.tenantModuleSchema,
    handler: async ({ params, body, principal, request }) => ({
      data: await setTenantModule(
        deps,
        signedIn(principal),
        params.id,
        params.moduleKey,
        body.enabled,
        requestMeta(request),
      ),
    }),
  }),
];
