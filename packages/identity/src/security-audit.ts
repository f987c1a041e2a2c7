import { type AuditEntry, recordAudit } from '@tenantry/audit';
import type { Principal } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import type { IdentityDeps, RequestMeta } from './deps';

export interface SecurityEvent {
  /** The tenant the event concerns; a pending tenant's events stay in the platform scope (it has no storage yet). */
  tenant: { id: string; status: string } | null;
  actor: AuditEntry['actor'];
  action: string;
  entity?: AuditEntry['entity'];
  before?: AuditEntry['before'];
  after?: AuditEntry['after'];
  metadata?: Record<string, unknown>;
}

export const actorOf = (principal: Principal): AuditEntry['actor'] => ({
  type: principal.kind,
  id: principal.id,
});

const entryOf = (event: SecurityEvent, meta: RequestMeta, tenantScope: string | null): AuditEntry => ({
  tenantId: tenantScope,
  actor: event.actor,
  module: 'identity',
  action: event.action,
  entity: event.entity,
  before: event.before,
  after: event.after,
  requestId: meta.requestId ?? null,
  metadata: {
    ip: meta.ip,
    ...(meta.userAgent ? { userAgent: meta.userAgent } : {}),
    ...(event.tenant && !tenantScope ? { tenantId: event.tenant.id } : {}),
    ...event.metadata,
  },
});

const scopeOf = (event: SecurityEvent): string | null =>
  event.tenant && event.tenant.status !== 'pending' ? event.tenant.id : null;

/** Records a platform-scope security event inside the caller's platform transaction. */
export const auditPlatformIn = (tx: Tx, deps: IdentityDeps, event: SecurityEvent, meta: RequestMeta) =>
  recordAudit(tx, entryOf(event, meta, null), deps);

/** Records a tenant-scope event inside the caller's transaction in that tenant's storage (its own data changed). */
export const auditTenantIn = (
  tx: Tx,
  deps: IdentityDeps,
  tenantId: string,
  event: Omit<SecurityEvent, 'tenant'>,
  meta: RequestMeta,
) => recordAudit(tx, entryOf({ ...event, tenant: null }, meta, tenantId), deps);

/**
 * Records a security event in the scope it belongs to: the tenant's own
 * storage (its RLS, its connection mode) or the platform's. The identity
 * directory is platform data, so a tenant-scope row is its own transaction,
 * written right after the directory change commits.
 */
export const auditSecurity = async (
  deps: IdentityDeps,
  event: SecurityEvent,
  meta: RequestMeta,
): Promise<void> => {
  const scope = scopeOf(event);
  const write = (tx: Tx) => recordAudit(tx, entryOf(event, meta, scope), deps);
  await (scope ? deps.db.router.withTenant(scope, write) : deps.db.router.withPlatform(write));
};
