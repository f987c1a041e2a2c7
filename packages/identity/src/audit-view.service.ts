import { type AuditFilter, type AuditRow, listAudit } from '@tenantry/audit';
import type { Principal } from '@tenantry/core';
import { platformTenantId, type Tx } from '@tenantry/db';
import { type AuditCursor, encodeAuditCursor } from './audit-cursor';
import type { IdentityDeps } from './deps';
import { identityErrors } from './errors';
import { findTenant } from './tenants.repository';

export interface AuditEventsQuery extends Omit<AuditFilter, 'before' | 'module'> {
  cursor?: AuditCursor;
  limit: number;
}

// Audit rows are written by every module; a careless one could put a
// credential in its diff or metadata. Such values never leave through this view.
const secretKey = /password|secret|token|hash|totp|recovery/i;

const redact = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, secretKey.test(key) ? '[redacted]' : redact(inner)]),
  );
};

const auditEventView = (row: AuditRow) => ({
  id: row.id,
  tenantId: row.tenantId === platformTenantId ? null : row.tenantId,
  createdAt: row.createdAt,
  actorType: row.actorType,
  actorId: row.actorId,
  module: row.module,
  action: row.action,
  entityType: row.entityType,
  entityId: row.entityId,
  diff: redact(row.diff) as Record<string, { before: unknown; after: unknown }> | null,
  requestId: row.requestId,
  metadata: redact(row.metadata) as Record<string, unknown> | null,
});

/** One page of a scope's trail, newest first: a tenant's own storage, or the platform's (null). */
const readPage = async (deps: IdentityDeps, scope: string | null, query: AuditEventsQuery) => {
  const { cursor, limit, ...filter } = query;
  // One row more than asked tells whether another page follows.
  const read = (tx: Tx) => listAudit(tx, { ...filter, before: cursor }, limit + 1);
  const rows = await (scope ? deps.db.router.withTenant(scope, read) : deps.db.router.withPlatform(read));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(auditEventView),
    nextCursor: rows.length > limit && last ? encodeAuditCursor(last) : null,
  };
};

/**
 * GET /v1/tenants/current/audit-events: the caller's tenant trail. It is read
 * under the tenant's RLS, so another tenant's rows cannot appear whatever the filter.
 */
export const listTenantAuditEvents = (deps: IdentityDeps, principal: Principal, query: AuditEventsQuery) => {
  if (!principal.tenantId) throw identityErrors.notFound('Tenant');
  return readPage(deps, principal.tenantId, query);
};

/**
 * GET /v1/superadmin/audit-events: the platform scope (platform actions and
 * the events of tenants still pending), or one tenant's own trail.
 */
export const listPlatformAuditEvents = async (
  deps: IdentityDeps,
  query: AuditEventsQuery & { tenantId?: string },
) => {
  const { tenantId, ...rest } = query;
  if (tenantId && !(await deps.db.router.withPlatform((tx) => findTenant(tx, tenantId))))
    throw identityErrors.notFound('Tenant');
  return readPage(deps, tenantId ?? null, rest);
};
