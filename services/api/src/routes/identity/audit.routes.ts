import {
  reportContracts as contracts,
  type IdentityDeps,
  identityPermissions,
  listPlatformAuditEvents,
  listTenantAuditEvents,
  platformPermissions,
} from '@tenantry/identity';
import { z } from 'zod';
import { pageOf } from '../../http/envelope';
import { defineRoute } from '../../http/route';
import { signedIn } from './request-meta';

/** The audit trail: a tenant's own events, and the platform's (or any tenant's) for superadmins. */
export const auditRoutes = (deps: IdentityDeps) => [
  defineRoute({
    method: 'GET',
    path: '/v1/tenants/current/audit-events',
    operationId: 'listTenantAuditEvents',
    summary: "The caller's tenant audit trail, newest first, filtered, in cursor pages",
    module: 'tenants',
    access: { permission: identityPermissions.auditRead },
    query: contracts.auditEventsQuery,
    response: z.array(contracts.auditEventSchema),
    paginated: true,
    handler: async ({ query, principal }) =>
      pageOf(await listTenantAuditEvents(deps, signedIn(principal), query), query.limit),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/superadmin/audit-events',
    operationId: 'listPlatformAuditEvents',
    summary: "The platform's audit trail (with tenantId: that tenant's), newest first, in cursor pages",
    module: 'superadmin',
    access: { permission: platformPermissions.auditRead },
    query: contracts.platformAuditEventsQuery,
    response: z.array(contracts.auditEventSchema),
    paginated: true,
    errors: [404],
    handler: async ({ query }) => pageOf(await listPlatformAuditEvents(deps, query), query.limit),
  }),
];
