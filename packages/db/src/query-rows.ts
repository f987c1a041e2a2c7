import type { SQL } from 'drizzle-orm';
import type { Tx } from './connection';

/** Runs raw SQL and returns its rows: both drivers answer `{ rows }`, which drizzle's shared type hides. */
export const queryRows = async <T>(tx: Tx, query: SQL): Promise<T[]> =>
  ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
