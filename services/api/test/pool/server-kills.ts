import { performance } from 'node:perf_hooks';
import type { Connection } from '@tenantry/db';
import type { PgBouncer } from './pgbouncer-process';

/** One round of kills: when it happened and how many backends Postgres terminated. */
export interface KillRound {
  at: number;
  killed: number;
}

interface ServerRow {
  database: string;
  user: string;
  state: string;
  remote_pid: string | number;
}

/**
 * Terminates every server connection PgBouncer holds to one of its databases
 * (busy ones mid-transaction included), as a failover or an operator's
 * pg_terminate_backend would. `admin` is a superuser connection straight to Postgres.
 */
export const killServerConnections = async (
  bouncer: PgBouncer,
  admin: Connection,
  database: string,
): Promise<KillRound> => {
  const servers = await bouncer.admin<ServerRow>('SHOW SERVERS');
  const pids = servers.filter((row) => row.database === database).map((row) => Number(row.remote_pid));
  const at = performance.now();
  const result = await admin.rawTransaction((session) =>
    session.query<{ killed: number }>(
      'select count(*) filter (where pg_terminate_backend(pid))::int as killed from unnest($1::int[]) as pid',
      [pids],
    ),
  );
  return { at, killed: result.rows[0]?.killed ?? 0 };
};

/** Client and server connections PgBouncer has for a database and user, right now. */
export const poolUse = async (bouncer: PgBouncer, database: string, user: string) => {
  const [clients, servers] = await Promise.all([
    bouncer.admin<{ database: string; user: string }>('SHOW CLIENTS'),
    bouncer.admin<ServerRow>('SHOW SERVERS'),
  ]);
  const mine = (row: { database: string; user: string }) => row.database === database && row.user === user;
  return { clients: clients.filter(mine).length, servers: servers.filter(mine).length };
};
