import type { DatabaseRuntime } from '@tenantry/db';
import { tallyEffects } from './exactly-once';
import { type FaultFigures, reportFault } from './fault-report';
import { isSettled, type OutboxBacklog, outboxBacklog } from './outbox-backlog';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds until every committed event is in a settled outbox, or null when `boundMs` passes first. */
export const waitUntilSettled = async (
  db: DatabaseRuntime,
  events: number,
  boundMs: number,
): Promise<number | null> => {
  const started = Date.now();
  while (Date.now() - started < boundMs) {
    const backlog = await outboxBacklog(db);
    if (backlog.total >= events && isSettled(backlog)) return Date.now() - started;
    await sleep(100);
  }
  return null;
};

export interface Settled extends FaultFigures {
  backlog: OutboxBacklog;
}

/**
 * The end of every fault: wait for the backlog to drain, give a late
 * redelivery a moment to show up as a duplicate, count the effects per event
 * and report the figures (also when the outbox never drained, so a failure
 * still leaves its numbers behind).
 */
export const settleAndReport = async (
  fault: string,
  db: DatabaseRuntime,
  committed: ReadonlyMap<string, readonly string[]>,
  options: { boundMs: number; details: () => Record<string, number> },
): Promise<Settled> => {
  const events = [...committed.values()].reduce((sum, ids) => sum + ids.length, 0);
  const drainMs = await waitUntilSettled(db, events, options.boundMs);
  await sleep(1_000);
  const tally = await tallyEffects(db, committed);
  const backlog = await outboxBacklog(db);
  const figures = { tally, drainMs, details: options.details() };
  reportFault(fault, figures);
  return { ...figures, backlog };
};
