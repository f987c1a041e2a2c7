import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LoadRequest } from './load-recorder';

/** The q-quantile (0..1) by nearest rank, rounded to 0.1 ms. */
export const percentile = (values: readonly number[], q: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round((sorted[rank] ?? 0) * 10) / 10;
};

export const latencySummary = (values: readonly number[]) => ({
  p50: percentile(values, 0.5),
  p95: percentile(values, 0.95),
  p99: percentile(values, 0.99),
  max: percentile(values, 1),
});

/** Requests per status, errors excluding 429, and latency overall and per operation. */
export const requestFigures = (requests: readonly LoadRequest[], durationMs: number) => {
  const byStatus: Record<string, number> = {};
  for (const { status } of requests) byStatus[String(status)] = (byStatus[String(status)] ?? 0) + 1;
  const errors = requests.filter((request) => request.error);
  const counted = requests.filter((request) => request.status !== 429).length;
  const byOp: Record<
    string,
    { requests: number; errors: number; latencyMs: ReturnType<typeof latencySummary> }
  > = {};
  for (const op of [...new Set(requests.map((request) => request.op))].sort()) {
    const mine = requests.filter((request) => request.op === op);
    byOp[op] = {
      requests: mine.length,
      errors: mine.filter((request) => request.error).length,
      latencyMs: latencySummary(mine.map((request) => request.latencyMs)),
    };
  }
  return {
    requests: requests.length,
    requestsPerSecond: Math.round((requests.length / (durationMs / 1000)) * 10) / 10,
    byStatus,
    rateLimited: byStatus['429'] ?? 0,
    errorsExcluding429: errors.length,
    errorRateExcluding429: counted ? errors.length / counted : 0,
    wrongTenant: requests.filter((request) => request.wrongTenant).length,
    latencyMs: latencySummary(requests.map((request) => request.latencyMs)),
    byOp,
  };
};

/** Writes the figures as JSON (the folder is made if missing). */
export const writeReport = (path: string, report: unknown) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
};
