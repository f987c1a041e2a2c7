import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
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
  return {
    kind: 'postgres',
    db: drizzlePostgres(pool) as unknown as Database,
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
  return {
    kind: 'pglite',
    db: drizzlePglite(client) as unknown as Database,
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
