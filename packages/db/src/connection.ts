import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import { type PgDatabase, PgDialect, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';

type NoSchema = Record<string, never>;
export type Database = PgDatabase<PgQueryResultHKT, NoSchema>;
export type Tx = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;

/** A raw SQL session inside one transaction, for migrations and provisioning. */
export interface RawSession {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs several statements at once (no parameters). */
  exec(text: string): Promise<void>;
}

/** One database, whatever the driver: drizzle for work, raw sessions for DDL. */
export interface Connection {
  readonly kind: 'postgres' | 'pglite';
  readonly db: Database;
  /**
   * One transaction that first runs `setup`: a single statement with its
   * values already quoted as literals (`quoteLiteral`), e.g. the
   * transaction-local role and tenant. On Postgres BEGIN and `setup` travel
   * as one simple-query message, so they cost one round trip, not two.
   */
  transaction<T>(setup: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  rawTransaction<T>(fn: (session: RawSession) => Promise<T>): Promise<T>;
  /** Runs a statement outside any transaction (CREATE DATABASE cannot run inside one). */
  rawStatement(text: string): Promise<void>;
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

// int8 as string would leak into counts; bigint ids are not used, so parse them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export const openPostgres = (url: string, options: { max: number; applicationName?: string }): Connection => {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    application_name: options.applicationName ?? 'tenantry',
  });
  // An idle client losing its server (restart, pg_terminate_backend) must not crash the process.
  pool.on('error', () => {});
  // Nor a checked-out one: pg-pool drops its listener while a client is lent out, and a
  // FATAL that arrives between two statements of a transaction is then an unhandled
  // 'error'. The transaction's next query fails instead, and release drops the client.
  pool.on('connect', (client) => client.on('error', () => {}));
  const dialect = new PgDialect();
  return {
    kind: 'postgres',
    db: drizzlePostgres(pool) as unknown as Database,
    // What drizzle's own pool transaction does (a session on one checked-out client,
    // BEGIN, COMMIT or ROLLBACK, release), with BEGIN and the setup sent together and
    // COMMIT sent bare: each avoidable round trip is a socket write and read per statement.
    async transaction(setup, fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query(`begin; ${setup}`);
        const tx = new NodePgTransaction(dialect, new NodePgSession(client, dialect, undefined), undefined);
        const result = await fn(tx as unknown as Tx);
        await client.query('commit');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is dropped from the pool, not reused.
        await client.query('rollback').catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async rawTransaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: async <T>(text: string, params?: unknown[]) => ({
            rows: (await client.query(text, params)).rows as T[],
          }),
          exec: async (text) => {
            await client.query(text);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async rawStatement(text) {
      await pool.query(text);
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
};

export const openPglite = async (dataDir: string | undefined): Promise<Connection> => {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite(client) as unknown as Database;
  return {
    kind: 'pglite',
    db,
    // In process there is no round trip to save: drizzle's transaction, then the setup.
    transaction: (setup, fn) =>
      db.transaction(async (tx) => {
        await tx.execute(sql.raw(setup));
        return fn(tx);
      }),
    rawTransaction: (fn) =>
      client.transaction((tx) =>
        fn({
          query: async (text, params) => tx.query(text, params),
          exec: async (text) => {
            await tx.exec(text);
          },
        }),
      ),
    async rawStatement(text) {
      await client.exec(text);
    },
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    close: () => client.close(),
  };
};
