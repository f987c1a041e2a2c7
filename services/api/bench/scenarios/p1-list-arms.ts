import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import type { BenchPlatform } from '../bench-platform';

/** The item list as packages/inventory's listItems runs it (first page of 50, one extra row to see a next page). */
export const itemListSql = `select tenant_id, id, sku, name, unit, barcode, price, tax_category, reorder_point, status,
  created_at, updated_at, sku_key
  from inventory_items where tenant_id = $1 order by sku_key, id limit 51`;

export interface ListArms {
  /** URL and headers of each arm; every arm answers the same tenant's first 50 items as JSON. */
  urls: { bare: string; rlsRaw: string; platform: string };
  headers: { bare: Record<string, string>; rlsRaw: Record<string, string>; platform: Record<string, string> };
  close(): Promise<void>;
}

const listen = async (app: FastifyInstance) => app.listen({ host: '127.0.0.1', port: 0 });

/**
 * The lower bounds of P1 beside the platform, in the benchmark's process on
 * the same database: `bare` is a Fastify route with raw pg as the owner and
 * an explicit WHERE; `rlsRaw` is raw pg inside the transaction the platform
 * runs (app role, tenant set), without authentication or drizzle.
 */
export const startListArms = async (platform: BenchPlatform, poolSize = 20): Promise<ListArms> => {
  const tenantId = platform.owner.tenantId;
  const pool = new pg.Pool({ connectionString: platform.databaseUrl, max: poolSize });
  const bare = Fastify();
  bare.get('/items', async () => {
    const { rows } = await pool.query(itemListSql, [tenantId]);
    return { data: rows.slice(0, 50), page: { next: rows.length > 50 ? 'more' : null } };
  });
  const rlsRaw = Fastify();
  rlsRaw.get('/items', async () => {
    const client = await pool.connect();
    try {
      // As the tenancy router opens it: BEGIN and the settings in one message (tenantId is a uuid).
      await client.query(
        `begin; select set_config('role', 'tenantry_app', true), set_config('app.current_tenant_id', '${tenantId}', true)`,
      );
      const { rows } = await client.query(itemListSql, [tenantId]);
      await client.query('commit');
      return { data: rows.slice(0, 50), page: { next: rows.length > 50 ? 'more' : null } };
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  });
  const [bareUrl, rlsRawUrl] = await Promise.all([listen(bare), listen(rlsRaw)]);
  return {
    urls: {
      bare: `${bareUrl}/items`,
      rlsRaw: `${rlsRawUrl}/items`,
      platform: `${platform.address}/v1/inventory/items?limit=50`,
    },
    headers: { bare: {}, rlsRaw: {}, platform: { authorization: `Bearer ${platform.owner.token}` } },
    async close() {
      await Promise.all([bare.close(), rlsRaw.close()]);
      await pool.end();
    },
  };
};

/**
 * Items for `tenantCount` tenants of `perTenant` rows each, written as the
 * owner in one statement (ids and SKUs generated), then analysed. Tenant ids
 * are fresh uuids unless given.
 */
export const seedItems = async (
  databaseUrl: string,
  options: { tenantIds?: string[]; tenantCount?: number; perTenant: number },
): Promise<void> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const given = options.tenantIds ?? [];
    const tenants = given.length > 0 ? given : null;
    await client.query(
      // Materialised, so each tenant's generated id is drawn once, not per joined row.
      `with t as materialized (
         select coalesce(given, gen_random_uuid()) as tenant_id
         from unnest(coalesce($1::uuid[], array_fill(null::uuid, array[$2::int]))) as given)
       insert into inventory_items (tenant_id, id, sku, name, unit, price)
       select t.tenant_id, gen_random_uuid(), 'SKU-' || lpad(n::text, 6, '0'), 'Item ' || n, 'each', 100 + n
       from t, generate_series(1, $3::int) n`,
      [tenants, options.tenantCount ?? 0, options.perTenant],
    );
    await client.query('analyze inventory_items');
  } finally {
    await client.end();
  }
};
