import type { EventEnvelope, TraceCarrier } from '@tenantry/core';
import { queryRows, type Tx } from '@tenantry/db';
import { and, asc, desc, eq, getTableColumns, isNull, lt, lte, notInArray, type SQL, sql } from 'drizzle-orm';
import { eventOutbox } from './schema';

export interface EventRef {
  tenantId: string;
  eventId: string;
}

export interface ClaimedEvent {
  envelope: EventEnvelope;
  attempts: number;
  /** No consumer takes its type: recorded dispatched and completed by the claim itself. */
  completed: boolean;
}

/** Event types some consumer takes; '*' when one takes every type. */
export type ConsumedTypes = readonly string[] | '*';

export type OutboxRow = typeof eventOutbox.$inferSelect;

export const insertEvent = async (tx: Tx, envelope: EventEnvelope): Promise<void> => {
  await tx.insert(eventOutbox).values({
    tenantId: envelope.tenant_id as string,
    eventId: envelope.event_id,
    type: envelope.type,
    entityId: envelope.entity_id,
    version: envelope.version,
    occurredAt: new Date(envelope.occurred_at),
    data: envelope.data,
    trace: envelope.trace,
  });
};

const toEnvelope = (row: OutboxRow): EventEnvelope => ({
  event_id: row.eventId,
  tenant_id: row.tenantId,
  type: row.type,
  entity_id: row.entityId,
  version: row.version,
  occurred_at: row.occurredAt.toISOString(),
  data: row.data,
  trace: row.trace as TraceCarrier,
});

const refsMatch = (refs: readonly EventRef[]) =>
  sql`(${eventOutbox.tenantId}, ${eventOutbox.eventId}) in (${sql.join(
    refs.map((ref) => sql`(${ref.tenantId}::uuid, ${ref.eventId}::uuid)`),
    sql`, `,
  )})`;

/**
 * Claims due pending events by status, not by a cursor, so a row committed
 * after a later id is still seen. SKIP LOCKED lets relays share the table; the
 * claim pushes next_attempt_at out by the lease, so once committed no other
 * relay takes the rows until the lease runs out (a relay that died mid-dispatch).
 * One statement: the CTE picks and locks the due rows (a CTE that locks rows is
 * never inlined, so they are picked once), the update leases and returns them.
 * An event of a type outside `consumed` has nothing to wait for: the same
 * update records it dispatched and completed, and it is not handed on.
 */
export const claimDue = async (
  tx: Tx,
  limit: number,
  leaseMs: number,
  consumed: ConsumedTypes = '*',
): Promise<ClaimedEvent[]> => {
  const due = tx.$with('due').as(
    tx
      .select({
        tenantId: eventOutbox.tenantId,
        eventId: eventOutbox.eventId,
        dueAt: eventOutbox.nextAttemptAt,
      })
      .from(eventOutbox)
      .where(and(eq(eventOutbox.status, 'pending'), lte(eventOutbox.nextAttemptAt, sql`now()`)))
      .orderBy(asc(eventOutbox.nextAttemptAt))
      .limit(limit)
      .for('update', { skipLocked: true }),
  );
  const unconsumed =
    consumed === '*'
      ? undefined
      : consumed.length === 0
        ? sql`true`
        : notInArray(eventOutbox.type, [...consumed]);
  const whenUnconsumed = <T>(then: SQL, otherwise: T) =>
    unconsumed ? sql`case when ${unconsumed} then ${then} else ${otherwise} end` : otherwise;
  const rows = await tx
    .with(due)
    .update(eventOutbox)
    .set({
      nextAttemptAt: sql`now() + ${`${leaseMs} milliseconds`}::interval`,
      ...(unconsumed
        ? {
            status: whenUnconsumed(sql`'dispatched'`, eventOutbox.status),
            dispatchedAt: whenUnconsumed(sql`now()`, eventOutbox.dispatchedAt),
            completedAt: whenUnconsumed(sql`now()`, eventOutbox.completedAt),
          }
        : {}),
    })
    .from(due)
    .where(and(eq(eventOutbox.tenantId, due.tenantId), eq(eventOutbox.eventId, due.eventId)))
    .returning({ ...getTableColumns(eventOutbox), dueAt: due.dueAt });
  // RETURNING has no order of its own: hand them on in the order they fell due.
  return rows
    .sort(
      (a, b) => new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime() || (a.eventId < b.eventId ? -1 : 1),
    )
    .map(({ dueAt: _dueAt, ...row }) => ({
      envelope: toEnvelope(row),
      attempts: row.attempts,
      completed: row.status !== 'pending',
    }));
};

/** Handed on; `completed` when the dispatcher applied the events itself (in-process). */
export const markDispatched = async (
  tx: Tx,
  refs: readonly EventRef[],
  completed: boolean,
): Promise<void> => {
  if (refs.length === 0) return;
  await tx
    .update(eventOutbox)
    .set({
      status: 'dispatched',
      dispatchedAt: sql`now()`,
      ...(completed ? { completedAt: sql`now()` } : {}),
    })
    .where(and(refsMatch(refs), eq(eventOutbox.status, 'pending')));
};

/** Every handler has applied the event. */
export const markCompleted = async (tx: Tx, ref: EventRef): Promise<void> => {
  await tx
    .update(eventOutbox)
    .set({ completedAt: sql`now()` })
    .where(and(refsMatch([ref]), isNull(eventOutbox.completedAt)));
};

/**
 * Dispatched long ago and never completed: the job was lost (a queue restarted
 * without persistence). Back to pending; the inbox absorbs any duplicate.
 */
export const requeueUnfinished = async (tx: Tx, olderThanMs: number): Promise<string[]> => {
  const requeued = await tx
    .update(eventOutbox)
    .set({ status: 'pending', nextAttemptAt: sql`now()` })
    .where(
      and(
        eq(eventOutbox.status, 'dispatched'),
        isNull(eventOutbox.completedAt),
        lt(eventOutbox.dispatchedAt, sql`now() - ${`${olderThanMs} milliseconds`}::interval`),
      ),
    )
    .returning({ eventId: eventOutbox.eventId });
  return requeued.map((row) => row.eventId);
};

/** A handler failed: try again after the backoff, or give up for good with the error kept. */
export const markAttemptFailed = async (
  tx: Tx,
  ref: EventRef,
  failure: { error: string; final: boolean; retryInMs: number },
): Promise<void> => {
  await tx
    .update(eventOutbox)
    .set(
      failure.final
        ? {
            status: 'failed',
            attempts: sql`${eventOutbox.attempts} + 1`,
            lastError: failure.error,
            failedAt: sql`now()`,
          }
        : {
            attempts: sql`${eventOutbox.attempts} + 1`,
            lastError: failure.error,
            nextAttemptAt: sql`now() + ${`${failure.retryInMs} milliseconds`}::interval`,
          },
    )
    .where(and(refsMatch([ref]), eq(eventOutbox.status, 'pending')));
};

/** Delivery was impossible (queue down): not the event's fault, so no attempt is counted. */
export const postpone = async (tx: Tx, refs: readonly EventRef[], retryInMs: number): Promise<void> => {
  if (refs.length === 0) return;
  await tx
    .update(eventOutbox)
    .set({ nextAttemptAt: sql`now() + ${`${retryInMs} milliseconds`}::interval` })
    .where(and(refsMatch(refs), eq(eventOutbox.status, 'pending')));
};

/**
 * The queue gave up on a dispatched event: record it as failed with the error.
 * Not once it is completed: a job given up after it applied the event (its
 * worker died between recording that and acknowledging the job) failed nothing.
 */
export const markFailed = async (tx: Tx, ref: EventRef, failure: { error: string; attempts: number }) => {
  await tx
    .update(eventOutbox)
    .set({ status: 'failed', attempts: failure.attempts, lastError: failure.error, failedAt: sql`now()` })
    .where(and(refsMatch([ref]), isNull(eventOutbox.completedAt)));
};

export const resetForRetry = async (tx: Tx, ref: EventRef): Promise<boolean> => {
  const updated = await tx
    .update(eventOutbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, failedAt: null })
    .where(and(refsMatch([ref]), eq(eventOutbox.status, 'failed')))
    .returning({ eventId: eventOutbox.eventId });
  return updated.length === 1;
};

export const listFailed = (tx: Tx, limit: number, before?: Date): Promise<OutboxRow[]> =>
  tx
    .select()
    .from(eventOutbox)
    .where(and(eq(eventOutbox.status, 'failed'), before ? lt(eventOutbox.failedAt, before) : undefined))
    .orderBy(desc(eventOutbox.failedAt))
    .limit(limit);

export const findEvent = async (tx: Tx, ref: EventRef): Promise<OutboxRow | undefined> => {
  const [row] = await tx
    .select()
    .from(eventOutbox)
    .where(refsMatch([ref]));
  return row;
};

export interface PendingStats {
  pending: number;
  failed: number;
  oldestPendingAt: Date | null;
}

export const pendingStats = async (tx: Tx): Promise<PendingStats> => {
  const [row] = await queryRows<{ pending: number; failed: number; oldest: Date | string | null }>(
    tx,
    sql`select count(*) filter (where status = 'pending')::int as pending,
               count(*) filter (where status = 'failed')::int as failed,
               min(created_at) filter (where status = 'pending') as oldest
          from ${eventOutbox}
         where status in ('pending', 'failed')`,
  );
  return {
    pending: row?.pending ?? 0,
    failed: row?.failed ?? 0,
    oldestPendingAt: row?.oldest ? new Date(row.oldest) : null,
  };
};
