import { type AuditEntry, recordAudit } from '@tenantry/audit';
import type { Clock, IdGenerator, Principal } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import { appendEvent } from '@tenantry/outbox';
import type { RequestMeta } from './deps';

export interface RoleChange {
  /** The outbox event type; the audit action is the same without the module prefix. */
  event: string;
  entity: { type: 'role' | 'role_assignment' | 'tenant'; id: string };
  data: Record<string, unknown>;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

const actorOf = (principal: Principal | null): AuditEntry['actor'] =>
  principal ? { type: principal.kind, id: principal.id } : { type: 'system', id: null };

/**
 * Writes a mutation's audit row and its outbox event in the mutation's own
 * tenant transaction, so all three commit or none does.
 */
export const recordChange = async (
  tx: Tx,
  deps: { clock: Clock; newId: IdGenerator },
  scope: { tenantId: string; principal: Principal | null; meta?: RequestMeta },
  change: RoleChange,
): Promise<void> => {
  const { tenantId, principal, meta } = scope;
  await recordAudit(
    tx,
    {
      tenantId,
      actor: actorOf(principal),
      module: 'rbac',
      action: change.event.replace(/^rbac\./, ''),
      entity: change.entity,
      before: change.before,
      after: change.after,
      requestId: meta?.requestId ?? null,
      metadata: {
        ...(meta?.ip ? { ip: meta.ip } : {}),
        ...(meta?.userAgent ? { userAgent: meta.userAgent } : {}),
      },
    },
    deps,
  );
  await appendEvent(
    tx,
    {
      tenantId,
      type: change.event,
      entityId: change.entity.id,
      data: { ...change.data, actor: actorOf(principal) },
    },
    deps,
  );
};
