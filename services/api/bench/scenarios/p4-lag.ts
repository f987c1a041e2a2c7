/**
 * P4's settle -> deduction lag, from the database: the sale movement's
 * created time minus the ticket's settled time (both the application's clock,
 * taken inside the settle and inside the handler), and where it goes:
 *
 * - pickup: settled -> the relay's claim (the claim transaction's now(), read
 *   back as next_attempt_at minus the lease the claim set). Includes the rest
 *   of the settle transaction and its commit, then the wait for the relay's
 *   next poll.
 * - enqueue: claim -> the job's timestamp in BullMQ (claim commit, addBulk).
 * - queue: job added -> the worker took it (BullMQ processedOn).
 * - handler: taken -> the movement's time (the tenant transaction, the inbox
 *   row, the handler's reads).
 */
import type { Queue } from 'bullmq';
import type pg from 'pg';
import { percentile } from '../harness/load-stats';
import { uncounted } from './p4-counters';

/** The relay's claim lease (createRelay's default): next_attempt_at = claim time + lease. */
export const relayLeaseMs = 30_000;

export const segments = ['pickup', 'enqueue', 'queue', 'handler'] as const;
export type Segment = (typeof segments)[number];

export interface LagSummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Per segment p50 / p99 (ms); absent when not asked for. */
  parts?: Record<Segment, { p50: number; p99: number }>;
}

const summarise = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
};

/** Polls until every ticket has its sale movement; answers the last movement's time (epoch ms). */
export const waitForDeductions = async (
  pool: pg.Pool,
  tenantId: string,
  ticketIds: readonly string[],
  timeoutMs = 120_000,
): Promise<number> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ n: number; last: number | null }>(
      `${uncounted}select count(distinct source_id)::int as n, extract(epoch from max(created_at)) * 1000 as last
         from stock_movements where tenant_id = $1 and type = 'sale' and source_id = any($2::uuid[])`,
      [tenantId, ticketIds],
    );
    const row = rows[0];
    if ((row?.n ?? 0) >= ticketIds.length) return Number(row?.last ?? Date.now());
    if (Date.now() > deadline) {
      throw new Error(`${ticketIds.length - (row?.n ?? 0)} sales not deducted after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** Settle -> deduction lag of the tickets; with a queue, split into segments (tickets that went through the outbox). */
export const measureLag = async (
  pool: pg.Pool,
  tenantId: string,
  ticketIds: readonly string[],
  queue?: Queue,
): Promise<LagSummary> => {
  const { rows } = await pool.query<{
    lag: number;
    settled: number;
    claimed: number | null;
    event_id: string | null;
    deducted: number;
  }>(
    `${uncounted}select extract(epoch from (m.created_at - t.settled_at)) * 1000 as lag,
            extract(epoch from t.settled_at) * 1000 as settled,
            extract(epoch from o.next_attempt_at) * 1000 - $3 as claimed,
            o.event_id,
            extract(epoch from m.created_at) * 1000 as deducted
       from pos_tickets t
       join stock_movements m on m.tenant_id = t.tenant_id and m.source_id = t.id and m.type = 'sale'
       left join event_outbox o on o.tenant_id = t.tenant_id and o.type = 'pos.ticket.settled' and o.entity_id = t.id::text
      where t.tenant_id = $1 and t.id = any($2::uuid[])`,
    [tenantId, ticketIds, relayLeaseMs],
  );
  const summary: LagSummary = summarise(rows.map((row) => Number(row.lag)));
  if (!queue) return summary;
  const parts: Record<Segment, number[]> = { pickup: [], enqueue: [], queue: [], handler: [] };
  for (let index = 0; index < rows.length; index += 100) {
    const chunk = rows.slice(index, index + 100);
    const jobs = await Promise.all(
      chunk.map((row) => (row.event_id ? queue.getJob(row.event_id) : undefined)),
    );
    chunk.forEach((row, at) => {
      const job = jobs[at];
      if (!job?.processedOn || row.claimed === null) return;
      parts.pickup.push(Number(row.claimed) - Number(row.settled));
      parts.enqueue.push(job.timestamp - Number(row.claimed));
      parts.queue.push(job.processedOn - job.timestamp);
      parts.handler.push(Number(row.deducted) - job.processedOn);
    });
  }
  summary.parts = Object.fromEntries(
    segments.map((segment) => {
      const { p50, p99 } = summarise(parts[segment]);
      return [segment, { p50, p99 }];
    }),
  ) as Record<Segment, { p50: number; p99: number }>;
  return summary;
};
