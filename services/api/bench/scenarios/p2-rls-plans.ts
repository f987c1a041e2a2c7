import type pg from 'pg';

/**
 * The item list as packages/inventory/src/items.repository.ts listItems
 * renders it through drizzle (copied from its toSQL(), exported as
 * listItemRows): the first page, and a keyset page after a (sku_key, id)
 * cursor (sku_key = lower(sku), stored). $1 is the tenant, the last parameter the
 * limit (page size 50 + 1 to know whether a next page exists).
 */
export const listSql = {
  first:
    'select "tenant_id", "id", "sku", "name", "unit", "barcode", "price", "tax_category", "reorder_point", "status", "created_at", "updated_at", "sku_key" from "inventory_items" where "inventory_items"."tenant_id" = $1 order by "inventory_items"."sku_key" asc, "inventory_items"."id" asc limit $2',
  keyset:
    'select "tenant_id", "id", "sku", "name", "unit", "barcode", "price", "tax_category", "reorder_point", "status", "created_at", "updated_at", "sku_key" from "inventory_items" where ("inventory_items"."tenant_id" = $1 and ("inventory_items"."sku_key", "inventory_items"."id") > ($2, $3::uuid)) order by "inventory_items"."sku_key" asc, "inventory_items"."id" asc limit $4',
} as const;

export type Shape = keyof typeof listSql;

/** The same first page with the tenant left to the policy alone (no explicit WHERE). */
export const policyOnlySql =
  'select "tenant_id", "id", "sku", "name", "unit", "barcode", "price", "tax_category", "reorder_point", "status", "created_at", "updated_at", "sku_key" from "inventory_items" order by "inventory_items"."sku_key" asc, "inventory_items"."id" asc limit $1';

export interface PlanCheck {
  /** The plan's Index Cond / Filter / One-Time Filter lines, trimmed. */
  conditions: string[];
  indexCondOnTenant: boolean;
  /** Filter lines that mention tenant_id or current_setting: the policy evaluated row by row. */
  tenantFilters: string[];
  /** Every per-row Filter line (not One-Time Filter). */
  filters: string[];
}

export const checkPlan = (lines: readonly string[]): PlanCheck => {
  const conditions = lines
    .map((line) => line.trim())
    .filter((line) => /^(Index Cond|Recheck Cond|Filter|One-Time Filter|Join Filter):/.test(line));
  const filters = conditions.filter((line) => /^(Filter|Join Filter):/.test(line));
  return {
    conditions,
    indexCondOnTenant: conditions.some((line) => /^Index Cond:.*tenant_id/.test(line)),
    tenantFilters: filters.filter((line) => /tenant_id|current_setting/.test(line)),
    filters,
  };
};

const planLines = (result: pg.QueryResult) =>
  result.rows.map((row: Record<string, string>) => row['QUERY PLAN'] as string);

/** The plan the app's unnamed statement gets: planned with the parameter values (a custom plan). */
export const customPlan = async (client: pg.PoolClient, sql: string, params: unknown[]) =>
  planLines(await client.query(`explain (costs off) ${sql}`, params));

/** The plan a cached prepared statement settles on: generic, parameters unknown. */
export const genericPlan = async (
  client: pg.PoolClient,
  sql: string,
  params: readonly (string | number)[],
) => {
  await client.query(`prepare p2_generic as ${sql}`);
  try {
    await client.query('set local plan_cache_mode = force_generic_plan');
    const literals = params.map((value) =>
      typeof value === 'number' ? String(value) : client.escapeLiteral(value),
    );
    return planLines(await client.query(`explain (costs off) execute p2_generic(${literals.join(', ')})`));
  } finally {
    await client.query('deallocate p2_generic');
  }
};

export interface ExecutedCost {
  /** Shared buffers the executed plan touched. */
  buffers: number;
  /** Rows the plan read and threw away (Rows Removed by Filter, summed over nodes). */
  rowsRemoved: number;
  /** Server-side planning and execution time (EXPLAIN ANALYZE summary), ms. */
  planningMs: number;
  executionMs: number;
}

const summaryMs = (lines: readonly string[], label: string) =>
  Number(
    new RegExp(`${label} Time: ([\\d.]+) ms`).exec(
      lines.find((line) => line.startsWith(`${label} Time`)) ?? '',
    )?.[1] ?? Number.NaN,
  );

/** Runs the statement under EXPLAIN ANALYZE (no per-node timing): what it read and what it cost the server. */
export const executedCost = async (
  client: pg.PoolClient,
  sql: string,
  params: unknown[],
): Promise<ExecutedCost> => {
  const lines = planLines(
    await client.query(`explain (analyze, buffers, costs off, timing off, summary) ${sql}`, params),
  );
  const buffers = /shared hit=(\d+)(?: read=(\d+))?/.exec(
    lines.find((line) => line.includes('Buffers:')) ?? '',
  );
  const removed = lines
    .map((line) => /Rows Removed by Filter: (\d+)/.exec(line)?.[1])
    .filter((value): value is string => value !== undefined)
    .reduce((sum, value) => sum + Number(value), 0);
  return {
    buffers: Number(buffers?.[1] ?? 0) + Number(buffers?.[2] ?? 0),
    rowsRemoved: removed,
    planningMs: summaryMs(lines, 'Planning'),
    executionMs: summaryMs(lines, 'Execution'),
  };
};
