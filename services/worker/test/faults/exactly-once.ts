import type { DatabaseRuntime } from '@tenantry/db';
import { effectCounts } from './counting-effect';

export interface Tally {
  /** Committed events. */
  events: number;
  /** Committed events whose effect is there. */
  applied: number;
  /** Committed events applied more than once. */
  duplicates: number;
  /** Committed events never applied. */
  missing: number;
  /** Effects of events that never committed. */
  unexpected: number;
  /** A few ids of each kind, to start an investigation from. */
  examples: { duplicates: string[]; missing: string[]; unexpected: string[] };
}

/** Counts the effects per event id in every tenant and compares them with the committed event ids. */
export const tallyEffects = async (
  db: DatabaseRuntime,
  committed: ReadonlyMap<string, readonly string[]>,
): Promise<Tally> => {
  const examples = { duplicates: [] as string[], missing: [] as string[], unexpected: [] as string[] };
  const tally = { events: 0, applied: 0, duplicates: 0, missing: 0, unexpected: 0 };
  const note = (kind: keyof typeof examples, eventId: string) => {
    tally[kind]++;
    if (examples[kind].length < 5) examples[kind].push(eventId);
  };
  for (const [tenant, eventIds] of committed) {
    const counts = await effectCounts(db, tenant);
    tally.events += eventIds.length;
    for (const eventId of eventIds) {
      const applied = counts.get(eventId) ?? 0;
      if (applied === 0) note('missing', eventId);
      else tally.applied++;
      if (applied > 1) note('duplicates', eventId);
    }
    const expected = new Set(eventIds);
    for (const eventId of counts.keys()) if (!expected.has(eventId)) note('unexpected', eventId);
  }
  return { ...tally, examples };
};
