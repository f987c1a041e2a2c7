import type { RequestOutcome } from './mixed-load';
import type { KillRound } from './server-kills';

/** Requests per status (or 'aborted' / 'network-error'). */
export const countByStatus = (outcomes: readonly RequestOutcome[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const { status } of outcomes) counts[String(status)] = (counts[String(status)] ?? 0) + 1;
  return counts;
};

/** Operations that never once got the answer they exist to provoke: the mix would prove nothing about them. */
export const unexercisedOperations = (outcomes: readonly RequestOutcome[], operations: readonly string[]) =>
  operations.filter(
    (op) =>
      !outcomes.some(
        (outcome) => outcome.op === op && typeof outcome.status === 'number' && outcome.status < 500,
      ),
  );

/**
 * A 5xx is excused only when the request was in flight at a kill, or began
 * within `graceMs` after one (PgBouncer may hand out a server it has not yet
 * seen die); the rest are defects.
 */
export const unexcused5xx = (
  outcomes: readonly RequestOutcome[],
  kills: readonly KillRound[],
  graceMs: number,
) =>
  outcomes.filter(
    (outcome) =>
      typeof outcome.status === 'number' &&
      outcome.status >= 500 &&
      !kills.some((kill) => outcome.startedAt <= kill.at + graceMs && outcome.endedAt >= kill.at),
  );
