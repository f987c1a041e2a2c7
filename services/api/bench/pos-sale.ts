/**
 * Sustained POS sales through the full stack: each lane opens a ticket, adds
 * a line, pays cash and settles over HTTP; the settle's outbox event is
 * relayed to BullMQ and the worker deducts the stock. Reported beside the
 * same rows written by raw SQL (one transaction per sale, no API, no RLS, no
 * outbox relay), in the same run, and with the lag from settle to deduction.
 *
 *   pnpm --filter @tenantry/api bench:pos-sale   (Postgres at 127.0.0.1:5432, Redis at 127.0.0.1:6379)
 *   BENCH_SECONDS (default 10), BENCH_LANES (concurrent tills, default 8)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createWorkerRuntime, platformHandlers, workerConfigFromEnv } from '@tenantry/worker';
import pg from 'pg';
import pino from 'pino';
import { startBenchPlatform } from './bench-platform';

const seconds = Number(process.env.BENCH_SECONDS || 10);
const lanes = Number(process.env.BENCH_LANES || 8);
const itemCount = 20;

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);

/** Runs `lane` on `lanes` concurrent loops until the time is up; answers completed iterations per second. */
const sustained = async (lane: (index: number) => Promise<void>) => {
  const deadline = Date.now() + seconds * 1_000;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async (_, index) => {
      while (Date.now() < deadline) {
        await lane(index);
        done++;
      }
    }),
  );
  return { done, perSecond: done / ((performance.now() - started) / 1_000) };
};

const platform = await startBenchPlatform({ poolSize: 20 });
const raw = new pg.Pool({ connectionString: platform.databaseUrl, max: lanes });
const worker = createWorkerRuntime({
  config: {
    ...workerConfigFromEnv({}),
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    queuePrefix: `tenantry-bench-${randomBytes(4).toString('hex')}`,
  },
  db: platform.db,
  handlers: platformHandlers(platform.db),
  logger: pino({ level: 'silent' }),
});
try {
  const { call } = platform;
  const token = platform.owner.token;
  const tenantId = platform.owner.tenantId;
  const location = (
    await call('POST', '/v1/inventory/locations', { name: 'Bench store', code: 'BENCH' }, token)
  ).id as string;
  const rawLocation = (
    await call('POST', '/v1/inventory/locations', { name: 'Raw store', code: 'RAW' }, token)
  ).id as string;
  const items: { id: string; price: number }[] = [];
  for (let index = 0; index < itemCount; index++) {
    const item = await call(
      'POST',
      '/v1/inventory/items',
      { sku: `BENCH-${index}`, name: `Bench item ${index}`, unit: 'each', price: 100 + index },
      token,
    );
    items.push({ id: item.id as string, price: item.price as number });
    for (const at of [location, rawLocation]) {
      await call(
        'POST',
        '/v1/inventory/movements',
        { type: 'receive', itemId: item.id, locationId: at, quantity: 1_000_000, reason: 'bench stock' },
        token,
      );
    }
  }
  const shifts: string[] = [];
  for (let index = 0; index < lanes; index++) {
    const register = await call(
      'POST',
      '/v1/pos/registers',
      { name: `Till ${index}`, locationId: location },
      token,
    );
    shifts.push(
      (await call('POST', '/v1/pos/shifts', { registerId: register.id, openingFloat: 0 }, token))
        .id as string,
    );
  }
  const pick = () => items[Math.floor(Math.random() * items.length)] as { id: string; price: number };

  // Baseline: the rows a sale leaves, written directly (the shape the full stack produces).
  const rawSale = async (lane: number) => {
    const client = await raw.connect();
    try {
      const item = pick();
      const ticketId = randomUUID();
      const now = new Date();
      await client.query('begin');
      await client.query(
        `insert into pos_tickets (tenant_id, id, shift_id, register_id, location_id, status, currency, prices_include_tax, subtotal, total, paid, created_at, updated_at)
         values ($1, $2, $3, $3, $4, 'open', 'USD', false, $5, $5, $5, $6, $6)`,
        [tenantId, ticketId, shifts[lane], rawLocation, item.price, now],
      );
      await client.query(
        `insert into pos_ticket_lines (tenant_id, id, ticket_id, position, item_id, sku, name, quantity, unit_price, tax_category, tax_rate_bps, gross, total)
         values ($1, $2, $3, 1, $4, 'SKU', 'Item', 1, $5, 'standard', 0, $5, $5)`,
        [tenantId, randomUUID(), ticketId, item.id, item.price],
      );
      await client.query(
        `insert into pos_payments (tenant_id, id, ticket_id, method, amount, tendered) values ($1, $2, $3, 'cash', $4, $4)`,
        [tenantId, randomUUID(), ticketId, item.price],
      );
      const { rows } = await client.query(
        `insert into pos_receipt_sequences (tenant_id, location_id, last_number) values ($1, $2, 1)
         on conflict (tenant_id, location_id) do update set last_number = pos_receipt_sequences.last_number + 1
         returning last_number`,
        [tenantId, rawLocation],
      );
      await client.query(
        `update pos_tickets set status = 'settled', receipt_number = $3, settled_at = $4 where tenant_id = $1 and id = $2`,
        [tenantId, ticketId, rows[0].last_number, now],
      );
      await client.query(
        `insert into stock_movements (tenant_id, id, item_id, location_id, type, quantity, reason, actor_type, source_type, source_id)
         values ($1, $2, $3, $4, 'sale', -1, 'raw', 'system', 'pos_ticket', $5)`,
        [tenantId, randomUUID(), item.id, rawLocation, ticketId],
      );
      await client.query(
        `update stock_levels set on_hand = on_hand - 1 where tenant_id = $1 and item_id = $2 and location_id = $3`,
        [tenantId, item.id, rawLocation],
      );
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  };

  const saleLatencies: number[] = [];
  const httpSale = async (lane: number) => {
    const started = performance.now();
    const item = pick();
    const ticket = await call('POST', '/v1/pos/tickets', { shiftId: shifts[lane] }, token);
    const priced = await call(
      'POST',
      `/v1/pos/tickets/${ticket.id}/lines`,
      { itemId: item.id, quantity: 1 },
      token,
    );
    await call(
      'POST',
      `/v1/pos/tickets/${ticket.id}/payments`,
      { method: 'cash', amount: priced.total },
      token,
    );
    await call('POST', `/v1/pos/tickets/${ticket.id}/settle`, undefined, token);
    saleLatencies.push(performance.now() - started);
  };

  const baseline = await sustained(rawSale);
  worker.start();
  const full = await sustained(httpSale);
  const drainStarted = performance.now();
  const deducted = async () =>
    Number(
      (
        await raw.query(
          `select count(distinct source_id)::int as n from stock_movements where type = 'sale' and location_id = $1`,
          [location],
        )
      ).rows[0].n,
    );
  while ((await deducted()) < full.done) await new Promise((resolve) => setTimeout(resolve, 20));
  const drainMs = performance.now() - drainStarted;
  const lags = (
    await raw.query(
      `select extract(epoch from (m.created_at - t.settled_at)) * 1000 as lag
         from pos_tickets t join stock_movements m on m.tenant_id = t.tenant_id and m.source_id = t.id and m.type = 'sale'
        where t.location_id = $1`,
      [location],
    )
  ).rows
    .map((row) => Number(row.lag))
    .sort((a, b) => a - b);
  const latencies = saleLatencies.sort((a, b) => a - b);

  const fixed = (value: number, digits = 1) => value.toFixed(digits);
  console.log(`\nPOS sale benchmark: ${seconds}s per arm, ${lanes} concurrent tills, ${itemCount} items`);
  console.log('| arm | sales/s | ratio |');
  console.log('|---|---:|---:|');
  console.log(`| raw SQL, one transaction per sale (baseline) | ${fixed(baseline.perSecond)} | 1.00 |`);
  console.log(
    `| full stack: 4 HTTP calls -> settle -> outbox -> worker | ${fixed(full.perSecond)} | ${fixed(full.perSecond / baseline.perSecond, 3)} |`,
  );
  console.log(
    `\nsale (4 HTTP calls) p50 ${fixed(percentile(latencies, 50))} ms, p99 ${fixed(percentile(latencies, 99))} ms`,
  );
  console.log(
    `settle -> deduction lag over ${lags.length} sales: p50 ${fixed(percentile(lags, 50))} ms, p99 ${fixed(percentile(lags, 99))} ms; backlog drained ${fixed(drainMs, 0)} ms after the last sale`,
  );
} finally {
  await worker.stop();
  await raw.end();
  await platform.close();
}
