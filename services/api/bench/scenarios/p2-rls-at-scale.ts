/**
 * P2: row-level security at scale. The item list as the API runs it, as the
 * app role under the tenant policy, against the same statement as a
 * BYPASSRLS role with the explicit tenant WHERE, on 10,000,000 rows over
 * 10,000 tenants; and EXPLAIN must find the tenant as an index condition.
 */
import pg from 'pg';
import { alternate, median } from '../harness/alternate';
import { atMost, fixed, type ScenarioResult } from '../harness/report';
import { type ChosenTenant, createRlsDataset, type RlsDataset } from './p2-rls-data';
import {
  checkPlan,
  customPlan,
  type ExecutedCost,
  executedCost,
  genericPlan,
  listSql,
  type PlanCheck,
  policyOnlySql,
  type Shape,
} from './p2-rls-plans';

const concurrency = 8;
const armSeconds = 4;
const warmupSeconds = 1;
const rounds = 3;
/** listItems asks for one row more than the page (50) to know whether there is a next page. */
const limit = 51;

type Role = 'rls' | 'bypass';
interface Arm {
  key: string;
  tenant: ChosenTenant;
  shape: Shape;
  role: Role;
}
interface ArmRun {
  perSecond: number;
  p50: number;
  p95: number;
  queryP50: number;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number);

/** A quoted SQL literal: the setup travels as text with BEGIN, as the tenancy router sends it. */
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * The first message of a unit of work, as the tenancy router (packages/db
 * connection.ts transaction()) sends it: BEGIN and the transaction-local
 * settings in one simple query. The app role also sets the tenant the policy
 * reads; the BYPASSRLS role only becomes itself.
 */
const beginAs = (dataset: RlsDataset, role: Role, tenantId: string) =>
  role === 'rls'
    ? `begin; select set_config('role', ${literal(dataset.appRole)}, true), set_config('app.current_tenant_id', ${literal(tenantId)}, true)`
    : `begin; select set_config('role', ${literal(dataset.bypassRole)}, true)`;

/**
 * The transaction both arms run: BEGIN with the role (and, for the app role,
 * the tenant), the query, COMMIT. The only difference is the policy (and the
 * tenant setting it needs).
 */
const unitOfWork = (dataset: RlsDataset, arm: Arm, params: unknown[]) => {
  const begin = beginAs(dataset, arm.role, arm.tenant.tenantId);
  // drizzle reads rows as arrays; so does this.
  const query = { text: listSql[arm.shape], values: params, rowMode: 'array' as const };
  return async (client: pg.PoolClient): Promise<{ total: number; query: number; rows: unknown[][] }> => {
    const started = performance.now();
    await client.query(begin);
    try {
      const queryStarted = performance.now();
      const result = await client.query(query);
      const queryTime = performance.now() - queryStarted;
      await client.query('commit');
      return { total: performance.now() - started, query: queryTime, rows: result.rows };
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    }
  };
};

const runArm = async (
  pool: pg.Pool,
  work: ReturnType<typeof unitOfWork>,
  seconds: number,
): Promise<ArmRun> => {
  const totals: number[] = [];
  const queries: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1_000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const client = await pool.connect();
      try {
        while (performance.now() < deadline) {
          const timing = await work(client);
          totals.push(timing.total);
          queries.push(timing.query);
        }
      } finally {
        client.release();
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1_000;
  totals.sort((a, b) => a - b);
  queries.sort((a, b) => a - b);
  return {
    perSecond: totals.length / elapsed,
    p50: percentile(totals, 0.5),
    p95: percentile(totals, 0.95),
    queryP50: percentile(queries, 0.5),
  };
};

/** The cursor of a page in the middle of the tenant's list: the (sku_key, id) of its middle row. */
const middleCursor = async (pool: pg.Pool, tenant: ChosenTenant) => {
  const result = await pool.query<{ sku: string; id: string }>(
    `select sku_key as sku, id from inventory_items where tenant_id = $1
      order by sku_key, id offset $2 limit 1`,
    [tenant.tenantId, Math.floor(tenant.rows / 2)],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`P2: no middle row for tenant ${tenant.tenantId}`);
  return row;
};

interface PlanReport {
  tenant: ChosenTenant;
  shape: Shape;
  custom: PlanCheck;
  generic: PlanCheck;
  bypass: PlanCheck;
  rlsCost: ServerCost;
  bypassCost: ServerCost;
}

const inTransaction = async <T>(
  pool: pg.Pool,
  begin: string,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> => {
  const client = await pool.connect();
  try {
    await client.query(begin);
    return await fn(client);
  } finally {
    await client.query('rollback').catch(() => {});
    client.release();
  }
};

/** EXPLAIN ANALYZE runs per arm for the server-side times: blocks of ten, the arms' order alternating. */
const serverBlocks = 5;
const serverRunsPerBlock = 10;

interface ServerCost {
  buffers: number;
  rowsRemoved: number;
  /** Medians over the runs, ms. */
  planningMs: number;
  executionMs: number;
}

const plansOf = async (
  pool: pg.Pool,
  dataset: RlsDataset,
  tenant: ChosenTenant,
  shape: Shape,
  params: (string | number)[],
): Promise<PlanReport> => {
  const rls = await inTransaction(pool, beginAs(dataset, 'rls', tenant.tenantId), async (client) => ({
    custom: checkPlan(await customPlan(client, listSql[shape], params)),
    generic: checkPlan(await genericPlan(client, listSql[shape], params)),
  }));
  const bypass = await inTransaction(pool, beginAs(dataset, 'bypass', tenant.tenantId), async (client) =>
    checkPlan(await genericPlan(client, listSql[shape], params)),
  );
  // The server's own planning and execution times, apart from the client and the round trips.
  const costs: Record<Role, ExecutedCost[]> = { rls: [], bypass: [] };
  for (let block = 0; block < serverBlocks; block++) {
    for (const role of block % 2 === 0 ? (['rls', 'bypass'] as const) : (['bypass', 'rls'] as const)) {
      await inTransaction(pool, beginAs(dataset, role, tenant.tenantId), async (client) => {
        for (let run = 0; run < serverRunsPerBlock; run++)
          costs[role].push(await executedCost(client, listSql[shape], params));
      });
    }
  }
  const summarize = (runs: ExecutedCost[]): ServerCost => ({
    buffers: runs.at(-1)?.buffers ?? 0,
    rowsRemoved: runs.at(-1)?.rowsRemoved ?? 0,
    planningMs: median(runs.map((run) => run.planningMs)),
    executionMs: median(runs.map((run) => run.executionMs)),
  });
  return {
    tenant,
    shape,
    custom: rls.custom,
    generic: rls.generic,
    bypass,
    rlsCost: summarize(costs.rls),
    bypassCost: summarize(costs.bypass),
  };
};

const planIsSound = (check: PlanCheck) => check.indexCondOnTenant && check.tenantFilters.length === 0;

const shapeLabel: Record<Shape, string> = { first: 'first page', keyset: 'keyset page (middle)' };

export const p2RlsAtScale = async (): Promise<ScenarioResult> => {
  const started = performance.now();
  const dataset = await createRlsDataset();
  const pool = new pg.Pool({ connectionString: dataset.databaseUrl, max: concurrency });
  // Dropping the database (with force) may reach a client still closing: not an error of the run.
  pool.on('error', () => {});
  try {
    const paramsOf = new Map<string, (string | number)[]>();
    for (const tenant of dataset.tenants) {
      const cursor = await middleCursor(pool, tenant);
      paramsOf.set(`${tenant.label}|first`, [tenant.tenantId, limit]);
      paramsOf.set(`${tenant.label}|keyset`, [tenant.tenantId, cursor.sku, cursor.id, limit]);
    }
    const shapes: Shape[] = ['first', 'keyset'];
    const arms: Arm[] = dataset.tenants.flatMap((tenant) =>
      shapes.flatMap((shape) =>
        (['rls', 'bypass'] as const).map((role) => ({
          key: `${tenant.label}|${shape}|${role}`,
          tenant,
          shape,
          role,
        })),
      ),
    );
    const work = new Map(
      arms.map((arm) => [
        arm.key,
        unitOfWork(dataset, arm, paramsOf.get(`${arm.tenant.label}|${arm.shape}`) ?? []),
      ]),
    );
    const workOf = (key: string) => work.get(key) as ReturnType<typeof unitOfWork>;

    // Both arms must answer the same page, and a full one: RLS is the only difference.
    for (const tenant of dataset.tenants) {
      for (const shape of shapes) {
        const client = await pool.connect();
        try {
          const rls = await workOf(`${tenant.label}|${shape}|rls`)(client);
          const bypass = await workOf(`${tenant.label}|${shape}|bypass`)(client);
          const ids = (rows: unknown[][]) => rows.map((row) => row[1]).join(',');
          if (rls.rows.length !== limit || ids(rls.rows) !== ids(bypass.rows))
            throw new Error(`P2: the arms answer different pages for ${tenant.label} ${shape}`);
        } finally {
          client.release();
        }
      }
    }

    const plans: PlanReport[] = [];
    for (const tenant of dataset.tenants)
      for (const shape of shapes)
        plans.push(
          await plansOf(pool, dataset, tenant, shape, paramsOf.get(`${tenant.label}|${shape}`) ?? []),
        );
    const policyOnly = await inTransaction(
      pool,
      beginAs(dataset, 'rls', dataset.tenants[0]?.tenantId ?? ''),
      async (client) => checkPlan(await customPlan(client, policyOnlySql, [limit])),
    );

    const measureStarted = performance.now();
    for (const arm of arms) await runArm(pool, workOf(arm.key), warmupSeconds);
    // The two arms of a pair run back to back (their order swapped every other
    // round), so drift on the shared machine falls on both; pairs alternate.
    const pairs = dataset.tenants.flatMap((tenant) => shapes.map((shape) => `${tenant.label}|${shape}`));
    const pairRuns = await alternate(pairs, rounds, async (pair, round) => {
      const roles: Role[] = round % 2 === 0 ? ['rls', 'bypass'] : ['bypass', 'rls'];
      const result: Partial<Record<Role, ArmRun>> = {};
      for (const role of roles) result[role] = await runArm(pool, workOf(`${pair}|${role}`), armSeconds);
      return result as Record<Role, ArmRun>;
    });
    const runs: Record<string, ArmRun[]> = Object.fromEntries(
      pairs.flatMap((pair) =>
        (['rls', 'bypass'] as const).map((role) => [
          `${pair}|${role}`,
          (pairRuns[pair] ?? []).map((run) => run[role]),
        ]),
      ),
    );
    /** Bypass over RLS throughput, round by round (each round's two arms ran back to back), then the median. */
    const pairedRatio = (pair: string) =>
      median((pairRuns[pair] ?? []).map((run) => run.bypass.perSecond / run.rls.perSecond));
    const measureSeconds = (performance.now() - measureStarted) / 1_000;

    const summary = (key: string) => {
      const list = runs[key] ?? [];
      return {
        perSecond: median(list.map((run) => run.perSecond)),
        p50: median(list.map((run) => run.p50)),
        p95: median(list.map((run) => run.p95)),
        queryP50: median(list.map((run) => run.queryP50)),
        rounds: list.map((run) => fixed(run.perSecond, 0)).join(' / '),
      };
    };

    const rows: (string | number)[][] = [];
    const ratios = [];
    for (const tenant of dataset.tenants) {
      for (const shape of shapes) {
        const rls = summary(`${tenant.label}|${shape}|rls`);
        const bypass = summary(`${tenant.label}|${shape}|bypass`);
        const plan = plans.find((candidate) => candidate.tenant === tenant && candidate.shape === shape);
        for (const [role, figures, cost] of [
          ['app role, RLS', rls, plan?.rlsCost],
          ['BYPASSRLS + WHERE', bypass, plan?.bypassCost],
        ] as const) {
          rows.push([
            `${tenant.label} (${tenant.rows.toLocaleString('en-US')} rows)`,
            shapeLabel[shape],
            role,
            fixed(figures.perSecond, 0),
            figures.rounds,
            fixed(figures.p50, 2),
            fixed(figures.p95, 2),
            fixed(figures.queryP50, 2),
            cost ? `${fixed(cost.planningMs, 3)} / ${fixed(cost.executionMs, 3)}` : 'n/a',
            cost ? `${cost.buffers} / ${cost.rowsRemoved}` : 'n/a',
          ]);
        }
        ratios.push(
          atMost(
            `${tenant.label} tenant, ${shapeLabel[shape]}: BYPASSRLS/RLS throughput`,
            pairedRatio(`${tenant.label}|${shape}`),
            1.05,
          ),
        );
      }
    }

    const failures = plans.flatMap((plan) =>
      [
        ['custom', plan.custom],
        ['generic', plan.generic],
      ].flatMap(([kind, check]) =>
        planIsSound(check as PlanCheck)
          ? []
          : [`${plan.tenant.label} ${plan.shape} (${kind}): ${(check as PlanCheck).conditions.join('; ')}`],
      ),
    );
    const firstPlan = plans.find((plan) => plan.shape === 'first');
    const keysetPlans = plans.filter((plan) => plan.shape === 'keyset');
    // Generic plans show $n instead of each tenant's values: one line for all three tenants.
    const keysetFilter = keysetPlans[0]?.generic.filters.join('; ') || 'none';
    const keysetIndexCond = keysetPlans[0]?.generic.conditions.find((line) => line.startsWith('Index Cond'));
    const keysetBypassCond = keysetPlans[0]?.bypass.conditions.find((line) => line.startsWith('Index Cond'));
    const keysetExtraScan = keysetPlans.some(
      (plan) => plan.rlsCost.rowsRemoved > plan.bypassCost.rowsRemoved + limit,
    );

    const notes = [
      `EXPLAIN check (${plans.length * 2} plans: 3 tenants × 2 shapes × custom and generic, as the app role with the tenant set): ${
        failures.length === 0
          ? 'passed: every plan has an Index Cond on tenant_id and no Filter mentioning tenant_id or current_setting.'
          : `FAILED: ${failures.join(' | ')}`
      }`,
      `First page, app role: ${firstPlan?.custom.conditions.join('; ')} (custom plan); ${firstPlan?.generic.conditions.join('; ')} (generic plan). The policy's (select current_setting(...)::uuid) is an InitPlan: the planner merges it with the explicit tenant_id = $1 into one index condition and checks the two are equal once per execution (One-Time Filter), not per row. Without the explicit WHERE the policy alone gives: ${policyOnly.conditions.join('; ')}.`,
      `First page, server side (median of ${serverBlocks * serverRunsPerBlock} EXPLAIN ANALYZE runs per arm; planning + execution, RLS vs BYPASSRLS): ${plans
        .filter((plan) => plan.shape === 'first')
        .map(
          (plan) =>
            `${plan.tenant.label}: ${fixed(plan.rlsCost.planningMs + plan.rlsCost.executionMs, 3)} vs ${fixed(plan.bypassCost.planningMs + plan.bypassCost.executionMs, 3)} ms`,
        )
        .join(
          ', ',
        )}. Same plan and the same buffers in both arms; what RLS adds per query is planning the policy's subquery and evaluating it once, plus the tenant's set_config.`,
      `Keyset page: as the app role the index condition is only ${keysetIndexCond ?? 'n/a'}; as BYPASSRLS it is ${keysetBypassCond ?? 'n/a'} (generic plans; the custom plans are the same with the values in place of $n). ${
        keysetExtraScan
          ? `Under RLS the cursor predicate is a per-row Filter (${keysetFilter}): a non-LEAKPROOF expression may not run before the policy, so it cannot be used in the index scan; every page walks the tenant's index from its first SKU to the cursor (buffers / rows removed by filter in the table's last column: ${keysetPlans
              .map(
                (plan) =>
                  `${plan.tenant.label}: ${plan.rlsCost.buffers} / ${plan.rlsCost.rowsRemoved} vs ${plan.bypassCost.buffers} / ${plan.bypassCost.rowsRemoved}`,
              )
              .join(', ')}). Page k costs O(k × 50) rows, so deep pages of large tenants slow down linearly.`
          : "The cursor predicate is part of the index condition in both arms: it compares the stored sku_key (inventory migration 0002), and text and uuid comparisons are leakproof, so Postgres may run it inside the index scan before the policy (on lower(sku), before that migration, it ran as a per-row filter after the policy and each later page read the tenant's index from its first SKU)."
      }`,
      'Throughput is units of work per second (BEGIN with the set_config select in one message as the tenancy router sends it, the query, COMMIT) at concurrency 8; p50/p95 are of the whole unit, "query p50" of the SELECT alone. The RLS arm also sets app.current_tenant_id in its set_config statement, which is part of the policy\'s cost. Each round runs a pair\'s two arms back to back (RLS first in rounds 1 and 3, BYPASSRLS first in round 2) and the six pairs in rotating order; the table gives the medians of the rounds, the ratio is the median of the per-round ratios.',
      `The table was loaded in tenant order (each tenant's rows adjacent on disk, tenant and item ids time-ordered like uuidv7), so a page's heap reads are more local than on a table written over years; both arms read the same pages, so this favours neither. Everything ran on one machine: the client, its 8 connections and Postgres share its cores, so absolute figures include client CPU; data fits in RAM (table and indexes ~3.7 GB, page cache) with shared_buffers as configured.`,
    ];
    if (failures.length > 0) throw new Error(`P2 EXPLAIN check failed: ${failures.join(' | ')}`);

    return {
      id: 'P2',
      title: 'RLS at scale',
      method: `A throwaway database migrated like production; inventory_items loaded with ${dataset.totalRows.toLocaleString('en-US')} rows over ${dataset.tenantCount.toLocaleString('en-US')} tenants as the owner (INSERT … SELECT generate_series in 8 chunks on 2 sessions, secondary indexes dropped and rebuilt from their own definitions, then VACUUM ANALYZE: migrate ${fixed(dataset.timings.migrate, 0)} s, insert ${fixed(dataset.timings.load, 0)} s, indexes ${fixed(dataset.timings.indexes, 0)} s, vacuum ${fixed(dataset.timings.vacuum, 0)} s). Three tenants hold ${dataset.tenants.map((tenant) => `${tenant.rows.toLocaleString('en-US')} (${tenant.label})`).join(', ')} rows, the others ~989 each. The query is listItems as the API runs it (all columns plus sku_key, where tenant_id = $1, order by sku_key, id, limit 51), the first page and a keyset page after the middle row's cursor. Arms: the app role in a transaction that sets role and app.current_tenant_id (RLS policy applies) vs a BYPASSRLS role with SELECT only, same statement and transaction shape (BEGIN and set_config in one message, the query, COMMIT). A pg Pool of ${concurrency} connections at concurrency ${concurrency}; each arm ${warmupSeconds} s warm-up, then ${armSeconds} s per arm per round, the 6 tenant × page pairs alternated over ${rounds} rounds with a pair's two arms back to back (${fixed(measureSeconds, 0)} s of measurement, ${fixed((performance.now() - started) / 1_000, 0)} s including the load).`,
      table: {
        header: [
          'tenant',
          'page',
          'arm',
          'units/s (median)',
          'units/s per round',
          'p50 ms',
          'p95 ms',
          'query p50 ms',
          `server plan / exec ms (median of ${serverBlocks * serverRunsPerBlock})`,
          'buffers / rows filtered (EXPLAIN ANALYZE)',
        ],
        rows,
      },
      ratios,
      notes,
    };
  } finally {
    await pool.end();
    await dataset.drop();
  }
};
