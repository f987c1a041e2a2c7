/**
 * What authentication costs per request: GET /health (no credentials, no
 * database) is the bare baseline; GET /v1/tenants/current with an access
 * token and with an API key runs the whole chain (token check, session and
 * tenant read, RBAC resolution, module switches, the handler's read).
 * Reports requests/s and p99 latency as ratios to the baseline in one run.
 *
 *   pnpm --filter @tenantry/api bench          (needs Postgres at DATABASE_URL or 127.0.0.1:5432)
 */
import { randomBytes } from 'node:crypto';
import { createDatabaseRuntime, dbConfigFromEnv, openPostgres, quoteIdent } from '@tenantry/db';
import { identityConfigFromEnv } from '@tenantry/identity';
import { migrationPlan, prepareDatabase } from '@tenantry/platform';
import autocannon from 'autocannon';
import { apiConfigFromEnv, buildApp, createPlatformModules } from '../src';

const serverUrl = process.env.BENCH_DATABASE_SERVER_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `tenantry_bench_${randomBytes(4).toString('hex')}`;
const seconds = Number(process.env.BENCH_SECONDS || 5);

const admin = openPostgres(serverUrl, { max: 1 });
await admin.rawStatement(`create database ${quoteIdent(name)}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const db = await createDatabaseRuntime(
  { ...dbConfigFromEnv({}), ownerUrl: url.toString(), poolSize: 20 },
  migrationPlan,
);
try {
  await prepareDatabase(db);
  const modules = await createPlatformModules({ db, identityConfig: identityConfigFromEnv({}) });
  const app = await buildApp({
    config: {
      ...apiConfigFromEnv({}),
      rateLimit: { windowMs: 60_000, tenantMax: 10_000_000, anonymousMax: 10_000_000 },
    },
    db,
    authenticate: modules.authenticate,
    routes: modules.routes,
    metrics: false,
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${address}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { data: Record<string, unknown> };
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
    return json.data;
  };
  const password = 'a long benchmark passphrase 42';
  await post('/v1/superadmin/setup', { email: 'root@bench.test', password, name: 'Root' });
  const root = (await post('/v1/auth/login', { email: 'root@bench.test', password })).accessToken as string;
  const signup = await post('/v1/auth/signup', {
    tenantName: 'Bench Ltd',
    tenantSlug: 'bench',
    email: 'owner@bench.test',
    password,
    name: 'Owner',
  });
  await post(`/v1/superadmin/tenants/${(signup.tenant as { id: string }).id}/approve`, {}, root);
  const owner = (await post('/v1/auth/login', { email: 'owner@bench.test', password })).accessToken as string;
  const apiKey = (
    await post(
      '/v1/tenants/current/api-keys',
      { name: 'bench', permissions: ['identity.tenant.read'] },
      owner,
    )
  ).key as string;

  const run = async (title: string, path: string, token?: string) => {
    const result = await autocannon({
      url: `${address}${path}`,
      connections: Number(process.env.BENCH_CONNECTIONS || 20),
      duration: seconds,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (result.non2xx > 0) throw new Error(`${title}: ${result.non2xx} non-2xx answers`);
    return { title, rps: result.requests.average, p99: result.latency.p99 };
  };
  const baseline = await run('GET /health (baseline)', '/health');
  const rows = [
    baseline,
    await run('access token', '/v1/tenants/current', owner),
    await run('API key', '/v1/tenants/current', apiKey),
  ];
  console.log(
    `\n${seconds}s each, ${process.env.BENCH_CONNECTIONS || 20} connections, Postgres at ${url.host}`,
  );
  for (const row of rows) {
    console.log(
      `${row.title.padEnd(24)} ${row.rps.toFixed(0).padStart(7)} req/s (x${(row.rps / baseline.rps).toFixed(2)})  p99 ${row.p99} ms (x${(row.p99 / Math.max(baseline.p99, 1)).toFixed(1)})`,
    );
  }
  await app.close();
} finally {
  await db.close();
  await admin.rawStatement(`drop database if exists ${quoteIdent(name)} with (force)`);
  await admin.close();
}
