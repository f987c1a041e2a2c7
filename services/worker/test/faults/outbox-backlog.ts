import { type DatabaseRuntime, queryRows, relayRole } from '@tenantry/db';
import { eventOutbox } from '@tenantry/outbox';
import { sql } from 'drizzle-orm';

export interface OutboxBacklog {
  /** Every outbox row, settled or not. */
  total: number;
  pending: number;
  failed: number;
  /** Handed to the queue and not yet reported applied. */
  unfinished: number;
}

/** Where the outbox of every storage stands, read as the relay's role (which sees every tenant's rows). */
export const outboxBacklog = async (db: DatabaseRuntime): Promise<OutboxBacklog> => {
  const sum: OutboxBacklog = { total: 0, pending: 0, failed: 0, unfinished: 0 };
  for (const storage of [null, ...(await db.router.isolatedProfiles())]) {
    const [row] = await db.router.withStorage(storage, relayRole, (tx) =>
      queryRows<OutboxBacklog>(
        tx,
        sql`select count(*)::int as total,
                   count(*) filter (where status = 'pending')::int as pending,
                   count(*) filter (where status = 'failed')::int as failed,
                   count(*) filter (where status = 'dispatched' and completed_at is null)::int as unfinished
              from ${eventOutbox}`,
      ),
    );
    for (const key of ['total', 'pending', 'failed', 'unfinished'] as const) sum[key] += row?.[key] ?? 0;
  }
  return sum;
};

/** Settled: every row dispatched and reported applied, nothing pending, failed or in flight. */
export const isSettled = (backlog: OutboxBacklog): boolean =>
  backlog.pending === 0 && backlog.failed === 0 && backlog.unfinished === 0;
