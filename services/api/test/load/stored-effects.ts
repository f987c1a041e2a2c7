import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from '@tenantry/db';

export interface Backlog {
  /** Events not yet handed to the queue. */
  pending: number;
  /** Events queued whose consumers have not all finished. */
  inQueue: number;
  failed: number;
}

/** The outbox of the shared database, read as its owner (every tenant, no RLS). */
export const readBacklog = async (owner: Connection): Promise<Backlog> => {
  const { rows } = await owner.rawTransaction((session) =>
    session.query<Backlog>(
      `select count(*) filter (where status = 'pending')::int as pending,
              count(*) filter (where status = 'dispatched' and completed_at is null)::int as "inQueue",
              count(*) filter (where status = 'failed')::int as failed
         from event_outbox`,
    ),
  );
  return rows[0] ?? { pending: 0, inQueue: 0, failed: 0 };
};

/** Polls until nothing is pending or in the queue; answers the last reading and how long it took. */
export const waitForDrain = async (owner: Connection, timeoutMs: number) => {
  const started = performance.now();
  let backlog = await readBacklog(owner);
  while (backlog.pending + backlog.inQueue > 0 && performance.now() - started < timeoutMs) {
    await sleep(250);
    backlog = await readBacklog(owner);
  }
  return { backlog, drainMs: Math.round(performance.now() - started) };
};

export interface TenantSales {
  tenantId: string;
  settledTickets: number;
  /** Units on settled tickets' lines. */
  soldUnits: number;
  /** Units the sale movements took out of stock (positive). */
  deductedUnits: number;
  /** Sale movements per settled ticket that has any: must be one ticket, one deduction. */
  ticketsDeducted: number;
}

/** Per tenant, what POS settled and what inventory deducted for it, read as the owner. */
export const salesAgainstDeductions = async (owner: Connection): Promise<TenantSales[]> => {
  const { rows } = await owner.rawTransaction((session) =>
    session.query<TenantSales>(
      `with sold as (
         select t.tenant_id, count(distinct t.id)::int as tickets, coalesce(sum(l.quantity), 0)::int as units
           from pos_tickets t join pos_ticket_lines l on l.tenant_id = t.tenant_id and l.ticket_id = t.id
          where t.status = 'settled' group by t.tenant_id),
       deducted as (
         select tenant_id, coalesce(-sum(quantity), 0)::int as units, count(distinct source_id)::int as tickets
           from stock_movements where type = 'sale' group by tenant_id)
       select sold.tenant_id as "tenantId", sold.tickets as "settledTickets", sold.units as "soldUnits",
              coalesce(deducted.units, 0) as "deductedUnits", coalesce(deducted.tickets, 0) as "ticketsDeducted"
         from sold left join deducted using (tenant_id)`,
    ),
  );
  return rows;
};

/** What a stuck backlog looks like from the database: undone events by status, and the sessions on it. */
export const backlogDiagnostics = async (owner: Connection): Promise<string> => {
  const { events, sessions } = await owner.rawTransaction(async (session) => ({
    events: (
      await session.query(
        `select status, count(*)::int as count, min(next_attempt_at) as next_attempt, max(attempts) as attempts,
                max(last_error) as last_error
           from event_outbox where completed_at is null group by status`,
      )
    ).rows,
    sessions: (
      await session.query(
        `select application_name, usename, state, wait_event_type, wait_event, now() - xact_start as in_transaction,
                left(query, 160) as query
           from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
      )
    ).rows,
  }));
  return JSON.stringify({ events, sessions }, null, 1);
};
