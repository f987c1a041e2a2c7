import { openPostgres } from '@tenantry/db';

export interface BackendTerminator {
  /** Terminates every backend of the databases opened under the application name; returns how many. */
  terminate(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Drops one application's Postgres connections with pg_terminate_backend, and
 * only in the given databases: the server is shared with other tests, so the
 * filter by datname and application_name is what keeps this to the test's own.
 */
export const backendTerminator = (
  serverUrl: string,
  target: { databases: readonly string[]; applicationName: string },
): BackendTerminator => {
  const admin = openPostgres(serverUrl, { max: 1, applicationName: 'tenantry-faults-terminator' });
  return {
    async terminate() {
      const { rows } = await admin.rawTransaction((session) =>
        session.query<{ terminated: number }>(
          `select count(*) filter (where pg_terminate_backend(pid))::int as terminated
             from pg_stat_activity
            where datname = any($1) and application_name = $2 and pid <> pg_backend_pid()`,
          [target.databases, target.applicationName],
        ),
      );
      return rows[0]?.terminated ?? 0;
    },
    close: () => admin.close(),
  };
};
