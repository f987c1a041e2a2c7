import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** A process's resident set size in KiB, from /proc/<pid>/status (Linux). */
export const rssKib = (pid: number): number => {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
};

export interface RssSample {
  /** Milliseconds since the sampler started. */
  atMs: number;
  kib: number;
}

/** Samples each named process's RSS now and every `intervalMs` until stopped. */
export const startRssSampler = (pids: Record<string, number>, intervalMs: number) => {
  const startedAt = performance.now();
  const samples: Record<string, RssSample[]> = Object.fromEntries(
    Object.keys(pids).map((name) => [name, []]),
  );
  const sample = () => {
    const atMs = Math.round(performance.now() - startedAt);
    for (const [name, pid] of Object.entries(pids)) samples[name]?.push({ atMs, kib: rssKib(pid) });
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    samples,
    /** Takes a last sample and stops. */
    stop() {
      clearInterval(timer);
      sample();
      return samples;
    },
  };
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/**
 * Flat memory, defined: with a window of min(60 s, run / 4), the median RSS
 * of the last window against the median of the second one (the first is
 * warm-up: JIT, caches, pools filling). For a 10-minute run that is the last
 * minute against the second minute.
 */
export const rssGrowth = (samples: readonly RssSample[], runMs: number) => {
  const windowMs = Math.min(60_000, runMs / 4);
  const inWindow = (from: number, to: number) =>
    samples.filter((s) => s.atMs >= from && s.atMs <= to).map((s) => s.kib);
  const baseline = inWindow(windowMs, 2 * windowMs);
  const ending = inWindow(runMs - windowMs, runMs);
  if (baseline.length === 0 || ending.length === 0) throw new Error('too few RSS samples for the windows');
  const baselineMedianKib = median(baseline);
  const endMedianKib = median(ending);
  return {
    windowMs,
    baselineMedianKib,
    endMedianKib,
    growth: (endMedianKib - baselineMedianKib) / baselineMedianKib,
  };
};
