/**
 * P4: a POS sale with the outbox against the same writes without it, and the
 * settle -> inventory deduction lag. Arms, alternated round by round on one
 * database, fixed concurrency (tills):
 *
 * 1. raw: the sale's rows and the deduction in one raw-SQL transaction (bound);
 * 2. outbox: the same sale rows plus the settle's outbox row in one
 *    transaction, the deduction done by the relay, BullMQ and the worker;
 * 3. full stack: four HTTP calls per sale from a second process, the settle's
 *    event relayed to BullMQ, the worker (in this process) deducting.
 *
 * Then the full stack open loop at half of arm 3's throughput for the lag,
 * with the relay as the worker ships it (woken by LISTEN/NOTIFY on commit).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { createWorkerRuntime, platformHandlers, workerConfigFromEnv } from '@tenantry/worker';
import pg from 'pg';
import pino from 'pino';
import { startBenchPlatform } from '../bench-platform';
import { alternate, median } from '../harness/alternate';
import { percentile } from '../harness/load-stats';
import { atLeast, atMost, fixed, type ScenarioResult } from '../harness/report';
import { benchSettings } from '../harness/settings';
import { type Counts, countsBetween, installCounters } from './p4-counters';
import { type LagSummary, measureLag, waitForDeductions } from './p4-lag';
import { type RawSaleContext, rawSale } from './p4-raw-sale';
import { runSaleClient, type SaleRun } from './p4-shared';

const arms = ['raw', 'outbox', 'http'] as const;
type Arm = (typeof arms)[number];
const armTitles: Record<Arm, string> = {
  raw: '1. raw SQL: sale + inline deduction, one transaction, no outbox (bound)',
  outbox: '2. raw SQL: sale + outbox row, one transaction; relay -> BullMQ -> worker deducts',
  http: '3. full stack: 4 HTTP calls; settle -> outbox -> relay -> BullMQ -> worker deducts',
};

interface ArmRun {
  ticketIds: string[];
  /** Sales committed (settled) per second over the window. */
  settledPerSecond: number;
  /** Sales whose stock was deducted per second, from the first sale to the last deduction. */
  deductedPerSecond: number;
  /** ms from the end of the window to the last deduction. */
  drainMs: number;
  latencies: number[];
  /** What this process sent to Postgres and Redis, from the first sale to the last deduction. */
  counts: Counts;
  /** CPU time of this process (API, relay, worker, raw arms; not the HTTP client), ms. */
  cpuMs: number;
  /** This process's event-loop utilisation over the run (1 = never idle). */
  elu: number;
}

export const p4PosSale = async (): Promise<ScenarioResult> => {
  const { seconds, rounds } = benchSettings;
  const tills = Number(process.env.BENCH_P4_TILLS || 8);
  const lagSeconds = Number(process.env.BENCH_P4_LAG_SECONDS || 15);
  const itemCount = 20;
  const platform = await startBenchPlatform({ poolSize: 20 });
  const counters = installCounters();
  const pool = new pg.Pool({ connectionString: platform.databaseUrl, max: tills + 2 });
  const config = {
    ...workerConfigFromEnv({}),
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    queuePrefix: `tenantry-bench-${randomBytes(4).toString('hex')}`,
  };
  const worker = createWorkerRuntime({
    config,
    db: platform.db,
    handlers: platformHandlers(platform.db),
    logger: pino({ level: 'silent' }),
    // As the worker's main.ts: the relay LISTENs on a direct connection and wakes on commit.
    listenUrl: platform.databaseUrl,
  });
  try {
    const { call } = platform;
    const { token, tenantId } = platform.owner;
    const locations: Record<Arm, string> = { raw: '', outbox: '', http: '' };
    for (const arm of arms) {
      locations[arm] = (
        await call(
          'POST',
          '/v1/inventory/locations',
          { name: `P4 ${arm}`, code: `P4-${arm.toUpperCase()}` },
          token,
        )
      ).id as string;
    }
    const items: { id: string; price: number }[] = [];
    for (let index = 0; index < itemCount; index++) {
      const item = await call(
        'POST',
        '/v1/inventory/items',
        { sku: `P4-${index}`, name: `P4 item ${index}`, unit: 'each', price: 100 + index },
        token,
      );
      items.push({ id: item.id as string, price: item.price as number });
      for (const locationId of Object.values(locations)) {
        await call(
          'POST',
          '/v1/inventory/movements',
          { type: 'receive', itemId: item.id, locationId, quantity: 1_000_000, reason: 'bench stock' },
          token,
        );
      }
    }
    const tillsAt = async (locationId: string) => {
      const registerIds: string[] = [];
      const shiftIds: string[] = [];
      for (let index = 0; index < tills; index++) {
        const register = await call(
          'POST',
          '/v1/pos/registers',
          { name: `Till ${index}`, locationId },
          token,
        );
        registerIds.push(register.id as string);
        shiftIds.push(
          (await call('POST', '/v1/pos/shifts', { registerId: register.id, openingFloat: 0 }, token))
            .id as string,
        );
      }
      return { registerIds, shiftIds };
    };
    const rawContext = async (locationId: string): Promise<RawSaleContext> => ({
      pool,
      tenantId,
      locationId,
      items,
      actorId: randomUUID(),
      ...(await tillsAt(locationId)),
    });
    const raws = { raw: await rawContext(locations.raw), outbox: await rawContext(locations.outbox) };
    const httpShifts = (await tillsAt(locations.http)).shiftIds;
    const clientOptions = {
      address: platform.address,
      token,
      shiftIds: httpShifts,
      itemIds: items.map((item) => item.id),
      tills,
    };

    worker.start();
    const measure = async (arm: Arm, armSeconds: number): Promise<ArmRun> => {
      const before = counters.read();
      const cpuBefore = process.cpuUsage();
      const eluBefore = performance.eventLoopUtilization();
      let run: SaleRun;
      if (arm === 'http') {
        run = await runSaleClient({ ...clientOptions, seconds: armSeconds });
      } else {
        const context = raws[arm];
        const ticketIds: string[] = [];
        const latencies: number[] = [];
        const startedEpoch = Date.now();
        const started = performance.now();
        const deadline = started + armSeconds * 1_000;
        await Promise.all(
          Array.from({ length: tills }, async (_, till) => {
            while (performance.now() < deadline) {
              const saleStarted = performance.now();
              ticketIds.push(await rawSale(context, arm, till));
              latencies.push(performance.now() - saleStarted);
            }
          }),
        );
        run = {
          ticketIds,
          latencies,
          failures: 0,
          errors: [],
          startedEpoch,
          seconds: (performance.now() - started) / 1_000,
        };
      }
      const windowEnd = run.startedEpoch + run.seconds * 1_000;
      const deductedAt = await waitForDeductions(pool, tenantId, run.ticketIds);
      const count = run.ticketIds.length;
      return {
        ticketIds: run.ticketIds,
        settledPerSecond: count / run.seconds,
        deductedPerSecond: count / ((Math.max(deductedAt, windowEnd) - run.startedEpoch) / 1_000),
        drainMs: Math.max(0, deductedAt - windowEnd),
        latencies: run.latencies,
        counts: countsBetween(before, counters.read()),
        cpuMs: (({ user, system }) => (user + system) / 1_000)(process.cpuUsage(cpuBefore)),
        elu: performance.eventLoopUtilization(eluBefore).utilization,
      };
    };

    for (const arm of arms) await measure(arm, 2); // warm-up: JIT, pools, caches, the worker's connections
    const runs = await alternate(arms, rounds, (arm) => measure(arm, seconds));
    const medianOf = (arm: Arm, key: 'settledPerSecond' | 'deductedPerSecond' | 'drainMs') =>
      median(runs[arm].map((run) => run[key]));
    const perSale = (arm: Arm, key: keyof Counts | 'cpuMs') =>
      runs[arm].reduce((sum, run) => sum + (key === 'cpuMs' ? run.cpuMs : run.counts[key]), 0) /
      runs[arm].reduce((sum, run) => sum + run.ticketIds.length, 0);
    const eluOf = (arm: Arm) => median(runs[arm].map((run) => run.elu));
    const bound = medianOf('raw', 'deductedPerSecond');
    const saleLatency = (arm: Arm, p: number) =>
      percentile(
        runs[arm].flatMap((run) => run.latencies).sort((a, b) => a - b),
        p,
      );
    const queue = worker.queues[0];
    const fullLoadLag: Record<'outbox' | 'http', LagSummary> = {
      outbox: await measureLag(
        pool,
        tenantId,
        runs.outbox.flatMap((run) => run.ticketIds),
        queue,
      ),
      http: await measureLag(
        pool,
        tenantId,
        runs.http.flatMap((run) => run.ticketIds),
        queue,
      ),
    };

    // Lag: open loop at half of the full stack's throughput, sales started on a fixed schedule.
    const rate = Math.max(1, Math.round(5 * medianOf('http', 'settledPerSecond')) / 10);
    await runSaleClient({ ...clientOptions, seconds: 2, rate }); // lead-in at this rate
    const lagRun = await runSaleClient({ ...clientOptions, seconds: lagSeconds, rate });
    await waitForDeductions(pool, tenantId, lagRun.ticketIds);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the relay idles again
    const idleFrom = counters.read();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const idleStatements = countsBetween(idleFrom, counters.read()).statements / 2;
    const lagSales = [...lagRun.latencies].sort((a, b) => a - b);
    const shipped = {
      lag: await measureLag(pool, tenantId, lagRun.ticketIds, queue),
      sale: { p50: percentile(lagSales, 50), p99: percentile(lagSales, 99) },
      sales: lagRun.ticketIds.length,
      idleStatements,
    };

    const lagCells = (lag: LagSummary) => [fixed(lag.p50), fixed(lag.p95), fixed(lag.p99)];
    const parts = (lag: LagSummary) =>
      lag.parts
        ? `pickup ${fixed(lag.parts.pickup.p50)}/${fixed(lag.parts.pickup.p99)}, enqueue ${fixed(lag.parts.enqueue.p50)}/${fixed(lag.parts.enqueue.p99)}, queue ${fixed(lag.parts.queue.p50)}/${fixed(lag.parts.queue.p99)}, handler ${fixed(lag.parts.handler.p50)}/${fixed(lag.parts.handler.p99)}`
        : '';
    const header = [
      'arm',
      'sales/s settled',
      'sales/s deducted',
      'x bound',
      'sale p50 ms',
      'sale p99 ms',
      'pg stmts (txs) / sale',
      'redis cmds / sale',
      'CPU ms / sale (ELU)',
      'lag p50 ms',
      'lag p95 ms',
      'lag p99 ms',
      'lag parts p50/p99 ms',
    ];
    const rows: (string | number)[][] = [
      ...arms.map((arm) => [
        armTitles[arm],
        fixed(medianOf(arm, 'settledPerSecond')),
        fixed(medianOf(arm, 'deductedPerSecond')),
        fixed(medianOf(arm, 'deductedPerSecond') / bound, 3),
        fixed(saleLatency(arm, 50)),
        fixed(saleLatency(arm, 99)),
        `${fixed(perSale(arm, 'statements'))} (${fixed(perSale(arm, 'transactions'))})`,
        fixed(perSale(arm, 'redisCommands')),
        `${fixed(perSale(arm, 'cpuMs'), 2)} (${fixed(eluOf(arm), 2)})`,
        ...(arm === 'raw' ? ['0 (inline)', '', ''] : lagCells(fullLoadLag[arm])),
        arm === 'raw' ? '' : parts(fullLoadLag[arm]),
      ]),
      [
        `full stack, open loop at ${rate} sales/s (50 % of arm 3)`,
        fixed(shipped.sales / lagSeconds),
        '',
        '',
        fixed(shipped.sale.p50),
        fixed(shipped.sale.p99),
        `idle: ${fixed(shipped.idleStatements, 0)} stmts/s`,
        '',
        '',
        ...lagCells(shipped.lag),
        parts(shipped.lag),
      ],
    ];
    const outboxRatio = medianOf('outbox', 'deductedPerSecond') / bound;
    const httpRatio = medianOf('http', 'deductedPerSecond') / bound;
    const share = (lag: LagSummary) =>
      lag.parts ? `${fixed((100 * lag.parts.pickup.p50) / lag.p50, 0)} %` : 'n/a';
    return {
      id: 'P4',
      title: 'POS sale with outbox; settle -> deduction lag',
      method: `One tenant, ${itemCount} items stocked at three locations (one per arm), ${tills} tills (concurrent sales, closed loop), ${seconds} s per arm, ${rounds} rounds alternating after a 2 s warm-up of each, medians. A sale is one ticket with one line paid in cash. Arm 1 writes the sale's rows (ticket, line, payment, receipt counter, settle, the settle's audit row) and the deduction (the handler's reads of settings and item, level, movement, audit row) in one raw-SQL transaction as the owner; arm 2 writes the same sale rows plus the settle's pos.ticket.settled outbox row in one transaction and leaves the deduction to the relay, BullMQ and the worker's real handler (inbox row, level, movement, audit row, inventory.stock.adjusted event), all running in this process (worker concurrency ${config.concurrency}); arm 3 is four authenticated HTTP calls per sale from a second process (open ticket, add line, pay, settle) against the API in this process. "Deducted" counts a sale once its stock movement exists, over the time from the first sale to the last deduction, so a worker that falls behind lowers it. Statements, transactions, Redis commands and CPU time are this process's (API, relay, worker, raw arms; not the HTTP client), per sale; ELU is its event-loop utilisation. Lag = the sale movement's created time minus the ticket's settled time (application clock, from the database), over every sale of the arm's rounds; then the full stack open loop at ${rate} sales/s (50 % of arm 3's throughput) for ${lagSeconds} s after a 2 s lead-in, and the relay's idle cost over 2 s without sales. Lag parts: pickup = settled -> relay claim (the rest of the settle transaction, its commit, and the wait for the relay's next pass), enqueue = claim -> job added to BullMQ, queue = added -> a worker took it, handler = taken -> movement written.`,
      table: { header, rows },
      ratios: [
        atLeast('throughput, raw + outbox / raw (what the outbox costs)', outboxRatio, 0.85),
        atLeast('throughput, full stack / raw', httpRatio, 0.85),
        atMost('lag p99 ms at 50 % load', shipped.lag.p99, 50),
      ],
      notes: [
        `What the outbox costs (arm 2 against arm 1, x${fixed(outboxRatio, 3)}): the sale's own transaction gains one insert, but the deduction moves into the worker, and in all (writer, relay, worker) a sale costs ${fixed(perSale('outbox', 'statements'))} statements (round trips) in ${fixed(perSale('outbox', 'transactions'))} transactions and ${fixed(perSale('outbox', 'redisCommands'))} Redis commands against ${fixed(perSale('raw', 'statements'))} in ${fixed(perSale('raw', 'transactions'))} inline. Per sale the worker side is: the relay's claim (one statement that also completes events no consumer takes, such as the deduction's inventory.stock.adjusted, without a job) and its mark, shared by the events of a pass; one BullMQ job; and the handler's tenant transaction, which writes the inbox row, the deduction (settings, item, level, movement, audit row, the inventory.stock.adjusted outbox row) and, last, the event's completion. This process spent ${fixed(perSale('outbox', 'cpuMs'), 2)} ms of CPU per sale against ${fixed(perSale('raw', 'cpuMs'), 2)} ms (event loop busy ${fixed(100 * eluOf('outbox'), 0)} % against ${fixed(100 * eluOf('raw'), 0)} %); in a CPU profile of this arm most of the busy time was pg's socket writes and drizzle's query building, the domain code under 2 %: the cost is the round trips. Writer, relay and worker share one Node process here and ${cpus().length} cores with Postgres and Redis, so the worker's work comes straight off the writers' throughput; a worker process on spare cores would take less from them. Backlog after the window (median): ${fixed(medianOf('outbox', 'drainMs'), 0)} ms.`,
        `The full stack (arm 3, x${fixed(httpRatio, 3)}) is bound by the API, not the outbox: ${fixed(perSale('http', 'statements'))} statements in ${fixed(perSale('http', 'transactions'))} transactions per sale (four requests, each authenticated and resolved in its own transactions before the handler runs its own; see docs/performance.md, "What limits it"), sale p50 ${fixed(saleLatency('http', 50))} ms at ${tills} tills; its backlog after the window was ${fixed(medianOf('http', 'drainMs'), 0)} ms.`,
        `Lag at 50 % load: p50 ${fixed(shipped.lag.p50)} ms, p99 ${fixed(shipped.lag.p99)} ms; pickup (settle -> relay claim) is ${share(shipped.lag)} of the median (${parts(shipped.lag)}). An insert into event_outbox notifies on commit (migration outbox 0003) and the relay, LISTENing on a direct connection, runs its next pass at once; idle it still polls (25 ms backing off to 1 s) as the fallback, at ${fixed(shipped.idleStatements, 0)} statements/s. Enqueue is the claim transaction and addBulk; queue is BullMQ handing the job to a worker; handler is the handler's tenant transaction up to the movement.`,
        `What is left of the outbox's own cost is about 4 statements a sale (the outbox row, the relay's claim and mark, the job); the rest of arm 2's extra work is the deduction running as a second transaction built by drizzle in the worker, on the same ${cpus().length} cores as the writers. Not done: folding the relay's mark into the claim (about 1 statement a sale, but a relay dying between claim and enqueue would then wait for the lost-job sweep instead of the 30 s lease).`,
      ],
    };
  } finally {
    counters.uninstall();
    // The run's jobs would stay in Redis under its own prefix for a day.
    await worker.queues[0]?.obliterate({ force: true }).catch(() => {});
    await worker.stop();
    await pool.end();
    await platform.close();
  }
};
