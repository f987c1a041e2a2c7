import {
  reportContracts as contracts,
  failedLoginStats,
  type IdentityDeps,
  platformPermissions,
  tenantStats,
  userActivityStats,
} from '@tenantry/identity';
import { defineRoute } from '../../http/route';

const access = { permission: platformPermissions.statsRead };

/** /v1/superadmin/stats: the figures of the superadmin console. */
export const statsRoutes = (deps: IdentityDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/stats/users',
    operationId: 'getUserActivityStats',
    summary: 'Distinct users seen in the last day, week and month',
    module: 'superadmin',
    access,
    response: contracts.userActivitySchema,
    handler: async () => ({ data: await userActivityStats(deps) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/stats/logins',
    operationId: 'getFailedLoginStats',
    summary: 'Failed logins per day over the last `days` days',
    module: 'superadmin',
    access,
    query: contracts.statsDaysQuery,
    response: contracts.failedLoginsSchema,
    handler: async ({ query }) => ({ data: await failedLoginStats(deps, query.days) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/stats/tenants',
    operationId: 'getTenantStats',
    summary: 'Tenants by status, and sign-ups per day with the running total',
    module: 'superadmin',
    access,
    query: contracts.statsDaysQuery,
    response: contracts.tenantStatsSchema,
    handler: async ({ query }) => ({ data: await tenantStats(deps, query.days) }),
  }),
];
