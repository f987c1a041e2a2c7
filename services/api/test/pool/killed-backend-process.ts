/**
 * Run as its own process by killed-backend.test.ts: a transaction whose
 * backend is terminated between two statements, while its client is checked
 * out and idle. The process must survive and answer each outcome as JSON;
 * an unhandled 'error' from the pg client would end it before it prints.
 * KILL_APP_URL: the connection under test; KILL_ADMIN_URL: a superuser.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTenancyRouter, openPostgres, queryRows } from '@tenantry/db';
import { sql } from 'drizzle-orm';

const appUrl = process.env.KILL_APP_URL;
const adminUrl = process.env.KILL_ADMIN_URL;
if (!appUrl || !adminUrl) throw new Error('KILL_APP_URL and KILL_ADMIN_URL are required');

const connection = openPostgres(appUrl, { max: 2 });
const admin = openPostgres(adminUrl, { max: 1 });
const router = createTenancyRouter({
  primary: connection,
  appRole: process.env.KILL_APP_ROLE ?? 'tenantry_app',
  profileCacheMs: 60_000,
  openTenantDatabase: () => Promise.reject(new Error('shared tenants only')),
});

// The FATAL message arrives while no query is running on the client: the case that used to crash.
const terminate = async (pid: number) => {
  await admin.rawStatement(`select pg_terminate_backend(${Number(pid)})`);
  await sleep(300);
};

const outcome = (work: Promise<unknown>) =>
  work.then(
    () => 'committed',
    () => 'rejected',
  );

const results = {
  rawTransaction: await outcome(
    connection.rawTransaction(async (session) => {
      const { rows } = await session.query<{ pid: number }>('select pg_backend_pid() as pid');
      await terminate(rows[0]?.pid ?? 0);
      await session.query('select 1');
    }),
  ),
  tenantTransaction: await outcome(
    router.withTenant(randomUUID(), async (tx) => {
      const [row] = await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
      await terminate(row?.pid ?? 0);
      await tx.execute(sql`select 1`);
    }),
  ),
  // The pool replaced the dead clients: the next transactions work.
  afterwards: await outcome(router.withTenant(randomUUID(), (tx) => tx.execute(sql`select 1`))),
};
console.log(JSON.stringify(results));
await connection.close();
await admin.close();
