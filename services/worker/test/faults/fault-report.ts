import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Tally } from './exactly-once';

/** Merged per fault across runs and files, for docs/reliability.md. */
const resultsFile = fileURLToPath(new URL('../../../../reports/faults-results.json', import.meta.url));

export interface FaultFigures {
  tally: Tally;
  /** From the last commit to a settled outbox with every effect applied; null if it never got there. */
  drainMs: number | null;
  /** What the fault did: kills, restarts, connections dropped, and so on. */
  details: Record<string, number>;
}

const readResults = (): Record<string, unknown> => {
  try {
    return JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
};

/** Prints one line for the fault and merges its figures into reports/faults-results.json under `fault`. */
export const reportFault = (fault: string, figures: FaultFigures): void => {
  const { tally, drainMs, details } = figures;
  const line = [
    `fault ${fault}:`,
    `events=${tally.events}`,
    `duplicates=${tally.duplicates}`,
    `missing=${tally.missing}`,
    `unexpected=${tally.unexpected}`,
    `drain=${drainMs === null ? 'never' : `${drainMs}ms`}`,
    ...Object.entries(details).map(([key, value]) => `${key}=${value}`),
  ].join(' ');
  process.stdout.write(`${line}\n`);
  const results = readResults();
  results[fault] = {
    events: tally.events,
    applied: tally.applied,
    duplicates: tally.duplicates,
    missing: tally.missing,
    unexpected: tally.unexpected,
    drainMs,
    ...details,
    examples: tally.examples,
    recordedAt: new Date().toISOString(),
  };
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
};
