/**
 * Counts the Postgres statements, transactions and Redis commands this
 * process sends (the API, the worker, the relay and the raw-SQL arms share
 * the one `pg` and `ioredis` modules), by wrapping pg.Client#query and
 * Redis#sendCommand for the scenario's lifetime. Statements whose text starts
 * with the `uncounted` marker (the scenario's own polling) are left out.
 */
import { Redis } from 'ioredis';
import pg from 'pg';

export const uncounted = '/* p4 */ ';

export interface Counts {
  statements: number;
  transactions: number;
  redisCommands: number;
}

export interface Counters {
  read(): Counts;
  uninstall(): void;
}

const textOf = (query: unknown): string =>
  typeof query === 'string'
    ? query
    : query && typeof query === 'object' && 'text' in query
      ? String((query as { text: unknown }).text)
      : '';

export const installCounters = (): Counters => {
  const counts: Counts = { statements: 0, transactions: 0, redisCommands: 0 };
  const client = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const redis = Redis.prototype as unknown as { sendCommand: (...args: unknown[]) => unknown };
  const query = client.query;
  const sendCommand = redis.sendCommand;
  // A statement outside BEGIN ... COMMIT is a transaction of its own.
  const inTransaction = new WeakSet<object>();
  client.query = function (this: object, ...args: unknown[]) {
    const text = textOf(args[0]);
    if (!text.startsWith(uncounted)) {
      counts.statements++;
      if (/^\s*begin\b/i.test(text)) {
        counts.transactions++;
        inTransaction.add(this);
      } else if (/^\s*(commit|rollback)\b/i.test(text)) {
        inTransaction.delete(this);
      } else if (!inTransaction.has(this)) {
        counts.transactions++;
      }
    }
    return query.apply(this, args);
  };
  redis.sendCommand = function (this: unknown, ...args: unknown[]) {
    counts.redisCommands++;
    return sendCommand.apply(this, args);
  };
  return {
    read: () => ({ ...counts }),
    uninstall() {
      client.query = query;
      redis.sendCommand = sendCommand;
    },
  };
};

export const countsBetween = (before: Counts, after: Counts): Counts => ({
  statements: after.statements - before.statements,
  transactions: after.transactions - before.transactions,
  redisCommands: after.redisCommands - before.redisCommands,
});
