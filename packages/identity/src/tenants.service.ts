import type { Principal } from '@tenantry/core';
import type { TenancyMode } from '@tenantry/db';
import { appendEvent } from '@tenantry/outbox';
import type { IdentityDeps, RequestMeta } from './deps';
import { identityErrors } from './errors';
import { identityEvents } from './events';
import { actorOf, auditPlatformIn, auditSecurity } from './security-audit';
import { revokeSessionsOfTenant } from './sessions.repository';
import { denySessions } from './sessions.service';
import {
  findTenant,
  listTenants,
  lockTenant,
  type TenantRow,
  type TenantStatus,
  updateTenant,
} from './tenants.repository';

export const tenantView = (row: TenantRow) => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  status: row.status as TenantStatus,
  suspendedReason: row.suspendedReason,
  createdAt: row.createdAt,
  approvedAt: row.approvedAt,
  suspendedAt: row.suspendedAt,
});

/** GET /v1/superadmin/tenants: filter by status and text, newest first, cursor pages. */
export const listTenantsPage = async (
  deps: IdentityDeps,
  filter: { status?: TenantStatus; q?: string; cursor?: string; limit: number },
) => {
  const rows = await deps.db.router.withPlatform((tx) =>
    listTenants(tx, { status: filter.status, q: filter.q, after: filter.cursor, limit: filter.limit + 1 }),
  );
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return { items: page.map(tenantView), nextCursor: rows.length > filter.limit && last ? last.id : null };
};

export const getTenant = async (deps: IdentityDeps, id: string) => {
  const row = await deps.db.router.withPlatform((tx) => findTenant(tx, id));
  if (!row) throw identityErrors.notFound('Tenant');
  return tenantView(row);
};

/** GET /v1/tenants/current: the caller's own tenant. */
export const currentTenant = (deps: IdentityDeps, principal: Principal) => {
  if (!principal.tenantId) throw identityErrors.notFound('Tenant');
  return getTenant(deps, principal.tenantId);
};

/**
 * Approves a pending tenant: its storage is created and migrated in its
 * connection mode first (idempotent), the approval hook fills it (idempotent
 * too), then the status flips and the welcome e-mail is queued. A second approval is a CONFLICT.
 */
export const approveTenant = async (
  deps: IdentityDeps,
  principal: Principal,
  tenantId: string,
  options: { mode: TenancyMode },
  meta: RequestMeta,
) => {
  const before = await getTenant(deps, tenantId);
  if (before.status !== 'pending') throw identityErrors.conflict(`Tenant is ${before.status}, not pending`);
  // DDL runs on the owner connection, outside the directory transaction (PGlite has one connection).
  await deps.db.provisionTenant(tenantId, options.mode);
  // Tenant data that must exist before its first request (RBAC's built-in roles), in its new storage.
  await deps.onTenantApproved?.(tenantId);
  const approved = await deps.db.router.withPlatform(async (tx) => {
    const row = await lockTenant(tx, tenantId);
    if (row?.status !== 'pending') throw identityErrors.conflict('Tenant was approved meanwhile');
    const now = deps.clock.now();
    await updateTenant(tx, tenantId, { status: 'active', approvedAt: now });
    await appendEvent(
      tx,
      {
        tenantId: null,
        type: identityEvents.tenantApproved,
        entityId: tenantId,
        data: { tenantId, ownerUserId: row.ownerUserId, mode: options.mode },
      },
      deps,
    );
    await auditPlatformIn(
      tx,
      deps,
      {
        tenant: null,
        actor: actorOf(principal),
        action: 'tenant.approved',
        entity: { type: 'tenant', id: tenantId },
        before: { status: 'pending' },
        after: { status: 'active' },
        metadata: { mode: options.mode },
      },
      meta,
    );
    return tenantView({ ...row, status: 'active', approvedAt: now });
  });
  await auditSecurity(
    deps,
    {
      tenant: { id: tenantId, status: 'active' },
      actor: actorOf(principal),
      action: 'tenant.approved',
      entity: { type: 'tenant', id: tenantId },
    },
    meta,
  );
  return approved;
};

const transition = async (
  deps: IdentityDeps,
  principal: Principal,
  tenantId: string,
  change: { from: TenantStatus; to: TenantStatus; action: string; event: string; reason?: string },
  meta: RequestMeta,
) => {
  const { view, ended } = await deps.db.router.withPlatform(async (tx) => {
    const row = await lockTenant(tx, tenantId);
    if (!row) throw identityErrors.notFound('Tenant');
    if (row.status !== change.from)
      throw identityErrors.conflict(`Tenant is ${row.status}, not ${change.from}`);
    const now = deps.clock.now();
    const values: Partial<TenantRow> =
      change.to === 'suspended'
        ? { status: 'suspended', suspendedAt: now, suspendedReason: change.reason ?? null }
        : { status: change.to, suspendedAt: null, suspendedReason: null };
    await updateTenant(tx, tenantId, values);
    // Suspension ends every session: reactivation means signing in again.
    const endedIds =
      change.to === 'suspended' ? await revokeSessionsOfTenant(tx, tenantId, now, 'tenant_suspended') : [];
    await appendEvent(
      tx,
      {
        tenantId: null,
        type: change.event,
        entityId: tenantId,
        data: { tenantId, reason: change.reason ?? null },
      },
      deps,
    );
    const entry = {
      tenant: null,
      actor: actorOf(principal),
      action: change.action,
      entity: { type: 'tenant', id: tenantId },
      before: { status: row.status },
      after: { status: change.to },
      metadata: change.reason ? { reason: change.reason } : {},
    };
    await auditPlatformIn(tx, deps, entry, meta);
    return { view: tenantView({ ...row, ...values }), ended: endedIds };
  });
  await denySessions(deps, ended);
  // The tenant's own trail shows it too; its data is otherwise untouched.
  await auditSecurity(
    deps,
    {
      tenant: { id: tenantId, status: change.to },
      actor: actorOf(principal),
      action: change.action,
      entity: { type: 'tenant', id: tenantId },
      metadata: { ...(change.reason ? { reason: change.reason } : {}), sessionsEnded: ended.length },
    },
    meta,
  );
  return view;
};

export const suspendTenant = (
  deps: IdentityDeps,
  principal: Principal,
  tenantId: string,
  reason: string,
  meta: RequestMeta,
) =>
  transition(
    deps,
    principal,
    tenantId,
    {
      from: 'active',
      to: 'suspended',
      action: 'tenant.suspended',
      event: identityEvents.tenantSuspended,
      reason,
    },
    meta,
  );

export const reactivateTenant = (
  deps: IdentityDeps,
  principal: Principal,
  tenantId: string,
  meta: RequestMeta,
) =>
  transition(
    deps,
    principal,
    tenantId,
    {
      from: 'suspended',
      to: 'active',
      action: 'tenant.reactivated',
      event: identityEvents.tenantReactivated,
    },
    meta,
  );
