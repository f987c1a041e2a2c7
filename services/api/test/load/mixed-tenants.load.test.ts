import { fileURLToPath } from 'node:url';
import { type Connection, openPostgres } from '@tenantry/db';
import { createTestDatabase, type TestDatabase, testRedisUrl } from '@tenantry/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedPeak, loadPlan, peakMultiple } from './load-profile';
import { createRecorder } from './load-recorder';
import { latencySummary, requestFigures, writeReport } from './load-report';
import { type LoadStack, startLoadStack } from './load-stack';
import { createLoadTenants } from './load-tenants';
import { driveTraffic } from './load-traffic';
import { deleteQueueKeys } from './queue-keys';
import { rssGrowth, startRssSampler } from './rss-sampler';
import { backlogDiagnostics, readBacklog, salesAgainstDeductions, waitForDrain } from './stored-effects';

// Suite 8 (`pnpm test:load`, LOAD_MINUTES=10 by default).
const plan = loadPlan();
const reportPath = fileURLToPath(new URL('../../../../reports/load-results.json', import.meta.url));
const maxErrorRate = 0.001;
const maxRssGrowth = 0.2;
/** The achieved rates must reach this share of the target, or the run did not test the load it claims. */
const minRateShare = 0.9;

describe(`mixed tenants at ${peakMultiple}x the expected peak for ${plan.durationMs / 60_000} min`, () => {
  let database: TestDatabase;
  let stack: LoadStack;
  let owner: Connection;

  beforeAll(async () => {
    database = await createTestDatabase();
    owner = openPostgres(database.config.ownerUrl ?? '', { max: 1 });
    stack = await startLoadStack(database.config, testRedisUrl(), {
      accessTokenTtlSeconds: Math.ceil(plan.durationMs / 1000) + 1_800,
    });
  });

  afterAll(async () => {
    await stack?.stop();
    if (stack) await deleteQueueKeys(testRedisUrl(), stack.queuePrefix);
    await owner?.close();
    await database?.drop();
  });

  it('keeps errors under 0.1 %, every answer to its own tenant, memory flat, and the outbox drained', async () => {
    const tenants = await createLoadTenants(stack.baseUrl, stack.superadmin, {
      tenants: plan.tenants,
      tillsPerTenant: plan.tillsPerTenant,
      itemsPerTenant: 10,
    });
    // Setup's own events (sign-ups, stock receipts) are handled before the clock starts.
    await waitForDrain(owner, 60_000);

    const recorder = createRecorder(stack.baseUrl);
    const sampleMs = Math.min(10_000, Math.min(60_000, plan.durationMs / 4) / 3);
    const sampler = startRssSampler({ api: stack.api.pid, worker: stack.worker.pid }, sampleMs);
    const traffic = await driveTraffic(recorder, tenants, plan);
    const rss = sampler.stop();
    const atEnd = await readBacklog(owner);
    const drain = await waitForDrain(owner, 120_000);
    const stored = await salesAgainstDeductions(owner);
    const stuck = drain.backlog.pending + drain.backlog.inQueue > 0 ? await backlogDiagnostics(owner) : '';

    const figures = requestFigures(recorder.requests, traffic.durationMs);
    const settled = traffic.sales.filter((sale) => sale.outcome === 'settled').length;
    const unknown = traffic.sales.filter((sale) => sale.outcome === 'unknown').length;
    const memory = (name: 'api' | 'worker') => {
      const samples = rss[name] ?? [];
      return {
        pid: name === 'api' ? stack.api.pid : stack.worker.pid,
        startKib: samples[0]?.kib ?? 0,
        endKib: samples.at(-1)?.kib ?? 0,
        ...rssGrowth(samples, traffic.durationMs),
        samples,
      };
    };
    const report = {
      finishedAt: new Date().toISOString(),
      loadMinutes: plan.durationMs / 60_000,
      expectedPeak,
      peakMultiple,
      target: plan.target,
      achieved: {
        durationMs: Math.round(traffic.durationMs),
        requestsPerSecond: figures.requestsPerSecond,
        salesPerSecond: Math.round((settled / (traffic.durationMs / 1000)) * 100) / 100,
        sales: { attempted: traffic.sales.length, settled, unknown },
        saleLatencyMs: latencySummary(traffic.saleMs),
      },
      ...figures,
      rss: { sampleMs, api: memory('api'), worker: memory('worker') },
      backlog: { atEnd, afterDrain: drain.backlog, drainMs: drain.drainMs },
      stock: {
        settledTickets: stored.reduce((sum, row) => sum + row.settledTickets, 0),
        soldUnits: stored.reduce((sum, row) => sum + row.soldUnits, 0),
        deductedUnits: stored.reduce((sum, row) => sum + row.deductedUnits, 0),
      },
    };
    writeReport(reportPath, report);
    const { api, worker } = report.rss;
    console.log(
      [
        `load: ${report.loadMinutes} min, ${figures.requests} requests, ${figures.requestsPerSecond}/s ` +
          `(target ${plan.target.requestsPerSecond}/s), ${report.achieved.salesPerSecond} sales/s ` +
          `(target ${plan.target.salesPerSecond}/s)`,
        `  statuses ${JSON.stringify(figures.byStatus)}; errors excluding 429: ${figures.errorsExcluding429} ` +
          `(${(figures.errorRateExcluding429 * 100).toFixed(3)} %); wrong tenant: ${figures.wrongTenant}`,
        `  latency ms p50 ${figures.latencyMs.p50} p95 ${figures.latencyMs.p95} p99 ${figures.latencyMs.p99}; ` +
          `sale p50 ${report.achieved.saleLatencyMs.p50} p99 ${report.achieved.saleLatencyMs.p99}`,
        `  RSS api ${api.startKib} -> ${api.endKib} KiB (window medians ${api.baselineMedianKib} -> ${api.endMedianKib}, ` +
          `${(api.growth * 100).toFixed(1)} %); worker ${worker.startKib} -> ${worker.endKib} KiB ` +
          `(${worker.baselineMedianKib} -> ${worker.endMedianKib}, ${(worker.growth * 100).toFixed(1)} %)`,
        `  backlog at end ${JSON.stringify(atEnd)}, drained in ${drain.drainMs} ms; ` +
          `units sold ${report.stock.soldUnits}, deducted ${report.stock.deductedUnits}`,
        `  report: ${reportPath}`,
      ].join('\n'),
    );

    expect(stack.api.exited(), stack.api.output()).toBe(false);
    expect(stack.worker.exited(), stack.worker.output()).toBe(false);
    expect(recorder.requests.filter((r) => r.wrongTenant).map((r) => `${r.op}: ${r.wrongTenant}`)).toEqual(
      [],
    );
    const errors = recorder.requests.filter((r) => r.error).map((r) => r.error);
    expect(figures.errorRateExcluding429, errors.slice(0, 10).join('\n')).toBeLessThan(maxErrorRate);
    expect(figures.requestsPerSecond).toBeGreaterThanOrEqual(plan.target.requestsPerSecond * minRateShare);
    expect(report.achieved.salesPerSecond).toBeGreaterThanOrEqual(plan.target.salesPerSecond * minRateShare);
    expect(api.growth).toBeLessThan(maxRssGrowth);
    expect(worker.growth).toBeLessThan(maxRssGrowth);
    expect(drain.backlog, `${stuck}\nworker output:\n${stack.worker.output()}`).toEqual({
      pending: 0,
      inQueue: 0,
      failed: 0,
    });
    // One deduction per settled ticket, unit for unit, in every tenant.
    expect(stored).toHaveLength(tenants.length);
    for (const row of stored) {
      expect(row.deductedUnits, row.tenantId).toBe(row.soldUnits);
      expect(row.ticketsDeducted, row.tenantId).toBe(row.settledTickets);
    }
    const settledInDatabase = report.stock.settledTickets;
    expect(settledInDatabase).toBeGreaterThanOrEqual(settled);
    expect(settledInDatabase).toBeLessThanOrEqual(settled + unknown);
  });
});
