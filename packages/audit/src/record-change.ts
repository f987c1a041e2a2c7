import type { Clock, IdGenerator, Principal } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import { appendEvent } from '@tenantry/outbox';
import { type AuditEntry, recordAudit } from './audit.service';

/** Who asked, from where: carried into audit rows. */
export interface RequestMeta {
  ip?: string;
  userAgent?: string | null;
  requestId?: string | null;
}

export interface DomainChange {
  /** The outbox event type, `<module>.<entity>.<verb>`; the audit action is the same without the module. */
  event: string;
  entity: { type: string; id: string };
  data: Record<string, unknown>;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** The audit actor of a principal; no principal is the system (a worker applying an event). */
export const actorOf = (principal: Principal | null): AuditEntry['actor'] =>
  principal ? { type: principal.kind, id: principal.id } : { type: 'system', id: null };

/**
 * Writes a mutation's audit row and its outbox event in the mutation's own
 * tenant transaction, so the change, its audit row and its event commit
 * together or not at all.
 */
export const recordChange = async (
  tx: Tx,
  deps: { clock: Clock; newId: IdGenerator },
  scope: { module: string; tenantId: string; principal: Principal | null; meta?: RequestMeta },
  change: DomainChange,
): Promise<void> => {
  const { module, tenantId, principal, meta } = scope;
  await recordAudit(
    tx,
    {
      tenantId,
      actor: actorOf(principal),
      module,
      action: change.event.startsWith(`${module}.`) ? change.event.slice(module.length + 1) : change.event,
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
