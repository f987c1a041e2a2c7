import {
  assignPlan,
  entitlementContracts as contracts,
  currentEntitlements,
  type EntitlementsDeps,
  entitlementPermissions,
  listPlans,
  platformModuleManage,
  platformStatsRead,
  savePlan,
  tenantPlan,
  tenantsByPlan,
} from '@tenantry/module-registry';
import { z } from 'zod';
import { defineRoute } from '../../http/route';
import { requestMeta, signedIn } from '../identity/request-meta';

const manage = { permission: platformModuleManage };

/** Plans and their assignment under /v1/superadmin; a tenant's own limits and usage under /v1/tenants/current. */
export const entitlementRoutes = (deps: EntitlementsDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/plans',
    operationId: 'listPlans',
    summary: 'Plans and their limits, archived ones included',
    module: 'superadmin',
    access: manage,
    response: z.array(contracts.planSchema),
    handler: async ({ principal }) => ({ data: await listPlans(deps, signedIn(principal)) }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/v1/superadmin/plans/:key',
    operationId: 'savePlan',
    summary: 'Create a plan or replace its name, limits and archived flag',
    module: 'superadmin',
    access: manage,
    params: contracts.planParams,
    body: contracts.savePlanBody,
    response: contracts.planSchema,
    handler: async ({ params, body, principal, request }) => ({
      data: await savePlan(deps, signedIn(principal), params.key, body, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'PUT',
    path: '/v1/superadmin/tenants/:id/plan',
    operationId: 'assignTenantPlan',
    summary: 'Move a tenant to another plan; its limits apply at once',
    module: 'superadmin',
    access: manage,
    params: z.object({ id: z.uuid() }),
    body: contracts.assignPlanBody,
    response: contracts.tenantPlanSchema,
    handler: async ({ params, body, principal, request }) => ({
      data: await assignPlan(deps, signedIn(principal), params.id, body.planKey, requestMeta(request)),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/tenants/:id/plan',
    operationId: 'getTenantPlan',
    summary: "A tenant's plan and its limits (the default plan when none was assigned)",
    module: 'superadmin',
    access: manage,
    params: z.object({ id: z.uuid() }),
    response: contracts.tenantPlanDetailSchema,
    handler: async ({ params, principal }) => ({
      data: await tenantPlan(deps, signedIn(principal), params.id),
    }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/stats/plans',
    operationId: 'getTenantsByPlanStats',
    summary: 'Tenants per plan, for the console dashboard',
    module: 'superadmin',
    // The figure sits with identity's stats routes, under the same permission.
    access: { permission: platformStatsRead },
    response: contracts.tenantsByPlanSchema,
    handler: async ({ principal }) => ({ data: await tenantsByPlan(deps, signedIn(principal)) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/tenants/current/entitlements',
    operationId: 'getCurrentEntitlements',
    summary: "The caller's plan: each quota's soft and hard limit and current usage",
    module: 'registry',
    access: { permission: entitlementPermissions.read },
    requires: { module: 'registry', feature: 'registry.entitlements' },
    response: contracts.entitlementsSchema,
    handler: async ({ principal }) => ({ data: await currentEntitlements(deps, signedIn(principal)) }),
  }),
];
