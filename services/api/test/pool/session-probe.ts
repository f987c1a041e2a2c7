import type { Connection } from '@tenantry/db';

/** What a server connection carries between transactions: the tenant setting, the role, and who it is. */
export interface SessionState {
  /** '' or null once a transaction-local setting has ended. */
  tenant: string | null;
  login: string;
  pid: number;
}

export const sessionStateSql =
  "select current_setting('app.current_tenant_id', true) as tenant, current_user as login, pg_backend_pid() as pid";

/** The state a fresh transaction finds on whatever server connection PgBouncer hands this client. */
export const sessionStateOf = async (connection: Connection): Promise<SessionState> => {
  const { rows } = await connection.rawTransaction((session) => session.query<SessionState>(sessionStateSql));
  const row = rows[0];
  if (!row) throw new Error('no session state row');
  return row;
};

/** The SQLSTATE of a failed query, whether drizzle wrapped the driver's error or not. */
export const sqlStateOf = (error: unknown): string | undefined => {
  const candidate = error as { code?: unknown; cause?: { code?: unknown } };
  const code = candidate.cause?.code ?? candidate.code;
  return typeof code === 'string' ? code : undefined;
};

/** Runs work expected to fail and answers its SQLSTATE (fails the test if it succeeds). */
export const failureCodeOf = async (work: Promise<unknown>): Promise<string | undefined> => {
  try {
    await work;
  } catch (error) {
    return sqlStateOf(error);
  }
  throw new Error('expected the transaction to fail');
};
