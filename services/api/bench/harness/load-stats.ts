export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  /** Open loop only: request i uses headerSets[i % length] (e.g. many tenants' tokens) instead of headers. */
  headerSets?: Record<string, string>[];
  body?: string;
  connections: number;
  seconds: number;
  /** Requests per second on a fixed schedule (open loop); absent: as fast as answers come (closed loop). */
  rate?: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Answers outside 2xx, by status. */
  failures: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN);

export const summarise = (
  latencies: number[],
  seconds: number,
  statuses: Record<string, number>,
  errors: number,
): LoadResult => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    failures: Object.fromEntries(Object.entries(statuses).filter(([status]) => !status.startsWith('2'))),
    errors,
  };
};
