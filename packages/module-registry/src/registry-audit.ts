import { type AuditEntry, recordAudit } from '@tenantry/audit';
import type { Principal } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import { appendEvent } from '@tenantry/outbox';
import type { ModuleRegistryDeps, RequestMeta } from './deps';

export interface RegistryChange {
  action: string;
  entity: { type: string; id: string };
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  metadata?: Record<string, unknown>;
}

/** A platform change as recorded: its audit fields and its event (entity id defaults to the audited entity's). */
export type PlatformChange = RegistryChange & { event: { type: string; entityId?: string; data: unknown } };

const entryOf = (
  scope: string | null,
  principal: Principal,
  change: RegistryChange,
  meta: RequestMeta,
): AuditEntry => ({
  tenantId: scope,
  actor: { type: principal.kind, id: principal.id },
  module: 'registry',
  action: change.action,
  entity: change.entity,
  before: change.before,
  after: change.after,
  requestId: meta.requestId ?? null,
  metadata: {
    ...(meta.ip ? { ip: meta.ip } : {}),
    ...(meta.userAgent ? { userAgent: meta.userAgent } : {}),
    ...change.metadata,
  },
});

/** A platform-scope audit row, inside the caller's platform transaction (same commit as the change). */
export const auditPlatformChange = (
  tx: Tx,
  deps: Pick<ModuleRegistryDeps, 'clock' | 'newId'>,
  principal: Principal,
  change: RegistryChange,
  meta: RequestMeta,
) => recordAudit(tx, entryOf(null, principal, change, meta), deps);

/**
 * A platform change's event (platform scope: tenant id null, any tenant in
 * its data) and audit row, inside the caller's platform transaction, so both
 * commit with the change or not at all.
 */
export const recordPlatformChange = async (
  tx: Tx,
  deps: Pick<ModuleRegistryDeps, 'clock' | 'newId'>,
  principal: Principal,
  change: PlatformChange,
  meta: RequestMeta,
): Promise<void> => {
  const { event, ...audited } = change;
  await appendEvent(
    tx,
    { tenantId: null, type: event.type, entityId: event.entityId ?? change.entity.id, data: event.data },
    deps,
  );
  await auditPlatformChange(tx, deps, principal, audited, meta);
};

/**
 * The same change in the tenant's own trail. Tenant storage may be another
 * database, so this is its own transaction, written right after the platform
 * change commits (as identity does for tenant lifecycle events).
 */
export const auditTenantChange = (
  deps: Pick<ModuleRegistryDeps, 'clock' | 'newId' | 'router'>,
  tenantId: string,
  principal: Principal,
  change: RegistryChange,
  meta: RequestMeta,
) =>
  deps.router.withTenant(tenantId, (tx) => recordAudit(tx, entryOf(tenantId, principal, change, meta), deps));
