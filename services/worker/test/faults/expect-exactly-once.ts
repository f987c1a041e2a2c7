import { expect } from 'vitest';
import type { Settled } from './settle';

/** The acceptance of every fault: each committed event applied once, nothing else applied, the outbox settled. */
export const expectExactlyOnce = (settled: Settled): void => {
  const { tally, drainMs, backlog } = settled;
  expect(tally.events).toBeGreaterThan(0);
  expect({
    duplicates: tally.duplicates,
    missing: tally.missing,
    unexpected: tally.unexpected,
    examples: tally.examples,
  }).toEqual({
    duplicates: 0,
    missing: 0,
    unexpected: 0,
    examples: { duplicates: [], missing: [], unexpected: [] },
  });
  expect(drainMs, 'the backlog drains within the bound').not.toBeNull();
  expect(backlog).toEqual({ total: tally.events, pending: 0, failed: 0, unfinished: 0 });
};
