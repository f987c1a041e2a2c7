/**
 * What authentication costs per request: GET /health (no credentials, no
 * database) is the bare baseline; GET /v1/tenants/current with an access
 * token and with an API key runs the whole chain (token check, session and
 * tenant read, RBAC resolution, module switches, the handler's read).
 * Reports requests/s and p99 latency as ratios to the baseline in one run.
 *
 *   pnpm --filter @tenantry/api bench:auth     (needs Postgres at DATABASE_URL or 127.0.0.1:5432)
 */
import autocannon from 'autocannon';
import { startBenchPlatform } from './bench-platform';

const seconds = Number(process.env.BENCH_SECONDS || 5);
const platform = await startBenchPlatform();
try {
  const { address } = platform;
  const owner = platform.owner.token;
  const apiKey = (
    await platform.call(
      'POST',
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
    `\n${seconds}s each, ${process.env.BENCH_CONNECTIONS || 20} connections, Postgres at ${new URL(platform.databaseUrl).host}`,
  );
  for (const row of rows) {
    console.log(
      `${row.title.padEnd(24)} ${row.rps.toFixed(0).padStart(7)} req/s (x${(row.rps / baseline.rps).toFixed(2)})  p99 ${row.p99} ms (x${(row.p99 / Math.max(baseline.p99, 1)).toFixed(1)})`,
    );
  }
} finally {
  await platform.close();
}
