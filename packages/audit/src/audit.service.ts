import type { Clock, IdGenerator } from '@tenantry/core';
import { platformTenantId, type Tx } from '@tenantry/db';
import { insertAudit } from './audit.repository';
import { diffStates } from './diff';

export interface AuditEntry {
  /** null for platform actions (the platform's own scope). */
  tenantId: string | null;
  actor: { type: 'user' | 'api_key' | 'superadmin' | 'system'; id: string | null };
  module: string;
  action: string;
  entity?: { type: string; id: string };
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  requestId?: string | null;
  metadata?: Record<string, unknown>;
}

/**
 * Writes an audit row in the caller's transaction, so the trail has exactly
 * the mutations that committed. The diff keeps only changed fields.
 */
export const recordAudit = async (
  tx: Tx,
  entry: AuditEntry,
  deps: { clock: Clock; newId: IdGenerator },
): Promise<{ id: string; createdAt: Date }> => {
  const id = deps.newId();
  const createdAt = deps.clock.now();
  const hasStates = entry.before !== undefined || entry.after !== undefined;
  await insertAudit(tx, {
    tenantId: entry.tenantId ?? platformTenantId,
    id,
    createdAt,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    module: entry.module,
    action: entry.action,
    entityType: entry.entity?.type ?? null,
    entityId: entry.entity?.id ?? null,
    diff: hasStates ? diffStates(entry.before, entry.after) : null,
    requestId: entry.requestId ?? null,
    metadata: entry.metadata ?? null,
  });
  return { id, createdAt };
};
