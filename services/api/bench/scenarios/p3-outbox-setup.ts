import { randomBytes } from 'node:crypto';
import { createEnvelope, type EventEnvelope, type NewEvent, newId, systemClock } from '@tenantry/core';
import { createDatabaseRuntime, type DatabaseRuntime, dbConfigFromEnv, quoteIdent } from '@tenantry/db';
import { posEventTypes } from '@tenantry/inventory';
import { appendEvent } from '@tenantry/outbox';
import { migrationPlan, prepareDatabase } from '@tenantry/platform';
import { Redis } from 'ioredis';
import pg from 'pg';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/**
 * A sale as POS emits it when a ticket is settled (pos settle.service.ts),
 * three lines, with a W3C traceparent as a traced request carries one: the
 * size and shape of a typical outbox row and job. Its type has a consumer
 * (inventory deducts stock), so the relay hands it on to the queue; an event
 * no handler takes may be completed by the claim without a job.
 */
export const benchEvent = (tenantId: string, n: number): NewEvent => {
  const ticketId = newId();
  return {
    tenantId,
    type: posEventTypes.ticketSettled,
    entityId: ticketId,
    data: {
      ticketId,
      locationId: newId(),
      receiptNumber: `R-${String(n).padStart(8, '0')}`,
      shiftId: newId(),
      registerId: newId(),
      currency: 'EUR',
      total: 1_250 + (n % 1_000),
      taxTotal: 208,
      lines: Array.from({ length: 3 }, (_, line) => ({
        lineId: newId(),
        itemId: newId(),
        quantity: line + 1,
      })),
    },
    trace: { traceparent: `00-${hex(16)}-${hex(8)}-01` },
  };
};

export const eventDeps = { clock: systemClock, newId };

/** N envelopes over the tenants, round robin, as appendEvent would build them. */
export const benchEnvelopes = (tenants: readonly string[], count: number): EventEnvelope[] =>
  Array.from({ length: count }, (_, n) =>
    createEnvelope(benchEvent(tenants[n % tenants.length] as string, n), eventDeps),
  );

export interface OutboxBench {
  db: DatabaseRuntime;
  /** The throwaway database as its owner (superuser: sees every tenant's rows). */
  owner: pg.Pool;
  redisUrl: string;
  redis: Redis;
  /** Every Redis key this scenario writes starts with this. */
  prefix: string;
  tenants: string[];
  /** The event_outbox backlog the relay has not handed on yet, and how old its oldest row is. */
  backlog(): Promise<{ pending: number; oldestSeconds: number }>;
  /** Deletes the scenario's Redis keys under a sub-prefix (or all of them). */
  clearKeys(subPrefix?: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A throwaway database migrated like production (the app role, RLS, the relay
 * role and its policy), a Redis connection and a key prefix of its own.
 * close() drops the database and deletes the keys.
 */
export const openOutboxBench = async (tenantCount: number): Promise<OutboxBench> => {
  const serverUrl = process.env.BENCH_DATABASE_SERVER_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const suffix = hex(4);
  const name = `tenantry_bench_p3_${suffix}`;
  const prefix = `tenantry_bench_p3_${suffix}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const clearKeys = async (subPrefix = '') => {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}${subPrefix}*`, 'COUNT', 1_000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  };
  let db: DatabaseRuntime | undefined;
  let owner: pg.Pool | undefined;
  const close = async () => {
    await owner?.end().catch(() => {});
    await db?.close().catch(() => {});
    await clearKeys().catch(() => {});
    await redis.quit().catch(() => {});
    await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`);
    await admin.end();
  };
  try {
    await admin.query(`create database ${quoteIdent(name)}`);
    db = await createDatabaseRuntime(
      { ...dbConfigFromEnv({}), ownerUrl: url.toString(), poolSize: 10 },
      migrationPlan,
    );
    await prepareDatabase(db);
    owner = new pg.Pool({ connectionString: url.toString(), max: 3 });
    // Dropping the database (with force) may reach a client still closing: not an error of the run.
    owner.on('error', () => {});
    const ownerPool = owner;
    return {
      db,
      owner,
      redisUrl,
      redis,
      prefix,
      tenants: Array.from({ length: tenantCount }, () => newId()),
      async backlog() {
        const result = await ownerPool.query<{ pending: number; oldest: number | null }>(
          `select count(*)::int as pending, extract(epoch from now() - min(created_at))::float8 as oldest
             from event_outbox where status = 'pending'`,
        );
        return { pending: result.rows[0]?.pending ?? 0, oldestSeconds: result.rows[0]?.oldest ?? 0 };
      },
      clearKeys,
      close,
    };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
};

/**
 * Appends events the way producers do: appendEvent inside the tenant's
 * transaction (router.withTenant), `perTransaction` events per transaction,
 * `lanes` transactions at a time.
 */
export const appendEvents = async (
  bench: OutboxBench,
  count: number,
  options: { perTransaction: number; lanes: number; offset?: number },
): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: options.lanes }, async () => {
      while (next < count) {
        const from = next;
        const size = Math.min(options.perTransaction, count - from);
        next += size;
        const tenantId = bench.tenants[
          Math.floor(from / options.perTransaction) % bench.tenants.length
        ] as string;
        await bench.db.router.withTenant(tenantId, async (tx) => {
          for (let n = from; n < from + size; n++)
            await appendEvent(tx, benchEvent(tenantId, (options.offset ?? 0) + n), eventDeps);
        });
      }
    }),
  );
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Least-squares slope of y over x. */
export const slope = (points: readonly { x: number; y: number }[]): number => {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
  const covariance = points.reduce((sum, point) => sum + (point.x - meanX) * (point.y - meanY), 0);
  const variance = points.reduce((sum, point) => sum + (point.x - meanX) ** 2, 0);
  return variance === 0 ? 0 : covariance / variance;
};
