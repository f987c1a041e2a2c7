import pg from 'pg';
import { type BenchTenant, startBenchPlatform } from '../bench-platform';
import { alternate, median } from '../harness/alternate';
import { runLoad } from '../harness/load';
import { atMost, fixed, type ScenarioResult } from '../harness/report';
import { benchSettings } from '../harness/settings';
import { seedItems } from './p1-list-arms';

const levels = [10, 1_000, 10_000] as const;
const callerCount = 10;
const fillerItems = 100;

/**
 * Vacuums what the bulk load wrote, so that autovacuum does not start on the
 * new rows during the next measurement and take its CPU (two cores here).
 */
const settle = async (client: pg.Client) => {
  await client.query('vacuum (analyze) inventory_items');
  await client.query('vacuum (analyze) tenants');
};

/**
 * Tenants that exist but do not call: a tenant row (owned by a real user) and
 * `fillerItems` items each, so both the directory and the tenant tables grow.
 */
const addFillerTenants = async (databaseUrl: string, ownerUserId: string, from: number, count: number) => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `insert into tenants (id, slug, name, status, owner_user_id, approved_at)
       select gen_random_uuid(), 'filler-' || n, 'Filler ' || n, 'active', $1, now()
       from generate_series($2::int, $3::int) n returning id`,
      [ownerUserId, from, from + count - 1],
    );
    await seedItems(databaseUrl, { tenantIds: rows.map((row) => row.id), perTenant: fillerItems });
    await settle(client);
  } finally {
    await client.end();
  }
};

/**
 * P6: P1's list latency at one open-loop rate as the platform grows from 10 to
 * 1,000 to 10,000 tenants. Ten real tenants call in turn (each with 1,000
 * items); the rest exist with 100 items each.
 */
export const p6TenantCount = async (): Promise<ScenarioResult> => {
  const { seconds, rounds } = benchSettings;
  const platform = await startBenchPlatform();
  try {
    const callers: BenchTenant[] = [platform.owner];
    while (callers.length < callerCount) callers.push(await platform.addTenant(`caller-${callers.length}`));
    await seedItems(platform.databaseUrl, {
      tenantIds: callers.map((caller) => caller.tenantId),
      perTenant: 1_000,
    });
    const owner = new pg.Client({ connectionString: platform.databaseUrl });
    await owner.connect();
    const ownerUserId = (
      await owner.query<{ owner_user_id: string }>('select owner_user_id from tenants where id = $1', [
        platform.owner.tenantId,
      ])
    ).rows[0]?.owner_user_id as string;
    await settle(owner);
    const tenantCount = async () =>
      Number((await owner.query<{ count: string }>('select count(*) from tenants')).rows[0]?.count);
    const url = `${platform.address}/v1/inventory/items?limit=50`;
    const headerSets = callers.map((caller) => ({ authorization: `Bearer ${caller.token}` }));
    const max = (await runLoad({ url, headers: headerSets[0], connections: 16, seconds })).rps;
    const rate = Math.max(1, Math.round(0.5 * max));
    const rows: (string | number)[][] = [];
    const p95At: number[] = [];
    let added = 0;
    for (const level of levels) {
      const missing = level - (await tenantCount());
      if (missing > 0) await addFillerTenants(platform.databaseUrl, ownerUserId, added + 1, missing);
      added += Math.max(0, missing);
      const measured = await alternate(['list'] as const, rounds, () =>
        runLoad({ url, headerSets, connections: 64, seconds, rate }),
      );
      const p = (key: 'p50' | 'p95' | 'p99') => median(measured.list.map((result) => result[key]));
      p95At.push(p('p95'));
      rows.push([
        `${await tenantCount()} tenants`,
        fixed(median(measured.list.map((result) => result.rps)), 0),
        fixed(p('p50')),
        fixed(p('p95')),
        fixed(p('p99')),
        fixed(p('p95') / (p95At[0] as number), 3),
      ]);
    }
    await owner.end();
    return {
      id: 'P6',
      title: 'tenant count',
      method: `P1's list (GET /v1/inventory/items?limit=50) in open loop at ${rate} req/s (50 % of its maximum at 10 tenants), ${callerCount} signed-in tenants calling in turn (1,000 items each), while the platform grows to 1,000 and 10,000 tenants (tenant rows and ${fillerItems} items each, written as the owner). ${seconds} s per level, ${rounds} rounds, medians; levels run in growing order on one database, each after a VACUUM (ANALYZE) of what the load wrote.`,
      table: { header: ['tenants', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'p95 x 10 tenants'], rows },
      ratios: [
        atMost('p95, 1,000 / 10 tenants', (p95At[1] as number) / (p95At[0] as number), 1.2),
        atMost('p95, 10,000 / 10 tenants', (p95At[2] as number) / (p95At[0] as number), 1.2),
      ],
      notes: [
        'Every query is bounded by the tenant-first index, so the count of other tenants should not show; what could is per-tenant state held by the API (connection profiles, caches), which ten callers exercise only lightly.',
      ],
    };
  } finally {
    await platform.close();
  }
};
