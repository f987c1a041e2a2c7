import { startBenchPlatform } from '../bench-platform';
import { alternate, median } from '../harness/alternate';
import { runLoad } from '../harness/load';
import type { LoadResult } from '../harness/load-stats';
import { atLeast, atMost, fixed, type ScenarioResult } from '../harness/report';
import { benchSettings } from '../harness/settings';
import { type ListArms, seedItems, startListArms } from './p1-list-arms';

const arms = ['bare', 'rlsRaw', 'platform'] as const;
type Arm = (typeof arms)[number];
const armTitles: Record<Arm, string> = {
  bare: 'bare Fastify + raw pg, WHERE tenant_id = $1 (bound)',
  rlsRaw: 'raw pg inside the RLS transaction',
  platform: 'platform: JWT + access + RLS transaction + drizzle',
};

const medianOf = (results: LoadResult[], key: 'rps' | 'p50' | 'p95' | 'p99') =>
  median(results.map((result) => result[key]));

/**
 * P1: GET /v1/inventory/items?limit=50 through the platform against the same
 * SELECT on a bare Fastify route, and raw pg in the RLS transaction between
 * them, so each layer's cost shows.
 */
export const p1TenantList = async (): Promise<ScenarioResult> => {
  const { seconds, rounds, connections } = benchSettings;
  const tenants = 100;
  const perTenant = 1_000;
  const platform = await startBenchPlatform();
  let listArms: ListArms | undefined;
  try {
    await seedItems(platform.databaseUrl, { tenantIds: [platform.owner.tenantId], perTenant });
    await seedItems(platform.databaseUrl, { tenantCount: tenants - 1, perTenant });
    listArms = await startListArms(platform);
    const { urls, headers } = listArms;
    const load = (arm: Arm, options: { seconds: number; connections: number; rate?: number }) =>
      runLoad({ url: urls[arm], headers: headers[arm], ...options });
    for (const arm of arms) await load(arm, { seconds: 2, connections }); // warm-up: JIT, pools, caches
    const closed = await alternate(arms, rounds, (arm) => load(arm, { seconds, connections }));
    const boundMax = medianOf(closed.bare, 'rps');
    const rate = Math.round(0.6 * boundMax);
    // Open loop: enough connections that the rate, not the connection count, sets the pace.
    const open = await alternate(arms, rounds, (arm) => load(arm, { seconds, connections: 64, rate }));
    const ownRate = Math.round(0.6 * medianOf(closed.platform, 'rps'));
    const platformAtOwnRate = await alternate(['platform'] as const, rounds, () =>
      load('platform', { seconds, connections: 64, rate: ownRate }),
    );
    const throughput = medianOf(closed.platform, 'rps') / boundMax;
    const p95 = medianOf(open.platform, 'p95') / medianOf(open.bare, 'p95');
    return {
      id: 'P1',
      title: 'tenant-scoped list',
      method: `GET /v1/inventory/items?limit=50 (first page of 50 of the tenant's ${perTenant} items; ${tenants} tenants, ${tenants * perTenant} rows). Throughput: ${connections} connections, ${seconds} s per arm, ${rounds} rounds alternating, medians. Latency: open loop at ${rate} req/s (60 % of the bound's maximum), 64 connections, same rounds.`,
      table: {
        header: ['arm', 'req/s', 'x bound', `p50 ms @${rate}/s`, `p95 ms @${rate}/s`, `p99 ms @${rate}/s`],
        rows: [
          ...arms.map((arm) => [
            armTitles[arm],
            fixed(medianOf(closed[arm], 'rps'), 0),
            fixed(medianOf(closed[arm], 'rps') / boundMax, 3),
            fixed(medianOf(open[arm], 'p50')),
            fixed(medianOf(open[arm], 'p95')),
            fixed(medianOf(open[arm], 'p99')),
          ]),
          [
            `platform at 60 % of its own maximum (${ownRate} req/s)`,
            fixed(medianOf(platformAtOwnRate.platform, 'rps'), 0),
            '',
            fixed(medianOf(platformAtOwnRate.platform, 'p50')),
            fixed(medianOf(platformAtOwnRate.platform, 'p95')),
            fixed(medianOf(platformAtOwnRate.platform, 'p99')),
          ],
        ],
      },
      ratios: [
        atLeast('throughput, platform / bound', throughput, 0.75),
        atMost('p95, platform / bound', p95, 1.3),
      ],
      notes: [
        `The RLS transaction alone (raw pg, no authentication) runs at x${fixed(medianOf(closed.rlsRaw, 'rps') / boundMax, 3)} of the bound: BEGIN with the set_config (one message) and COMMIT are two more round trips around the same SELECT, and the policy is planned.`,
        `Where the platform cannot serve 60 % of the bound's rate, its open-loop latency is queueing; the last row shows its latency at 60 % of its own maximum.`,
      ],
    };
  } finally {
    await listArms?.close();
    await platform.close();
  }
};
