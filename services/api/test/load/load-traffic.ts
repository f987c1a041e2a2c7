import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { backOfficeRequest } from './back-office';
import type { LoadPlan } from './load-profile';
import type { Recorder } from './load-recorder';
import type { LoadTenant } from './load-tenants';
import { ringUpSale, type SaleResult } from './pos-sale';

export interface TrafficResult {
  durationMs: number;
  sales: SaleResult[];
  /** Sale durations (four requests) in ms, for settled sales. */
  saleMs: number[];
}

/**
 * Runs `work` every `intervalMs` from a random offset until `until`. The
 * schedule is kept (a late run starts the next one at once), so a slow
 * server is met with the same rate, as real tills would, until the end.
 */
const onSchedule = async (intervalMs: number, until: number, work: () => Promise<void>) => {
  let next = performance.now() + Math.random() * intervalMs;
  while (next < until) {
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
    await work();
    next += intervalMs;
  }
};

/**
 * Every till of every tenant rings up a sale each `saleIntervalMs`, and each
 * tenant's back office sends a request each `backOfficeIntervalMs`, for
 * `durationMs`; then waits for the requests in flight.
 */
export const driveTraffic = async (
  recorder: Recorder,
  tenants: LoadTenant[],
  plan: LoadPlan,
): Promise<TrafficResult> => {
  const startedAt = performance.now();
  const until = startedAt + plan.durationMs;
  const sales: SaleResult[] = [];
  const saleMs: number[] = [];
  const tills = tenants.flatMap((tenant) =>
    tenant.tills.map((till) =>
      onSchedule(plan.saleIntervalMs, until, async () => {
        const began = performance.now();
        const sale = await ringUpSale(recorder, tenant, till, Math.random);
        sales.push(sale);
        if (sale.outcome === 'settled') saleMs.push(performance.now() - began);
      }),
    ),
  );
  const backOffices = tenants.map((tenant) =>
    onSchedule(plan.backOfficeIntervalMs, until, async () => {
      const others = tenants.filter((other) => other !== tenant);
      const other = others[Math.floor(Math.random() * others.length)] as LoadTenant;
      await backOfficeRequest(recorder, tenant, other, Math.random);
    }),
  );
  await Promise.all([...tills, ...backOffices]);
  return { durationMs: performance.now() - startedAt, sales, saleMs };
};
