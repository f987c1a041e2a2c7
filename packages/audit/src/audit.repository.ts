import type { Tx } from '@tenantry/db';
import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import { auditEvents } from './schema';

export type AuditRow = typeof auditEvents.$inferSelect;
export type NewAuditRow = typeof auditEvents.$inferInsert;

export const insertAudit = async (tx: Tx, row: NewAuditRow): Promise<void> => {
  await tx.insert(auditEvents).values(row);
};

export interface AuditFilter {
  action?: string;
  module?: string;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  /** Keyset cursor: rows strictly older than this (created_at, id). */
  before?: { createdAt: Date; id: string };
}

export const listAudit = (tx: Tx, filter: AuditFilter, limit: number): Promise<AuditRow[]> => {
  const conditions: (SQL | undefined)[] = [
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    filter.module ? eq(auditEvents.module, filter.module) : undefined,
    filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
    filter.entityType ? eq(auditEvents.entityType, filter.entityType) : undefined,
    filter.entityId ? eq(auditEvents.entityId, filter.entityId) : undefined,
    filter.from ? gte(auditEvents.createdAt, filter.from) : undefined,
    filter.to ? lt(auditEvents.createdAt, filter.to) : undefined,
    filter.before
      ? or(
          lt(auditEvents.createdAt, filter.before.createdAt),
          and(eq(auditEvents.createdAt, filter.before.createdAt), lt(auditEvents.id, filter.before.id)),
        )
      : undefined,
  ];
  return tx
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit);
};
