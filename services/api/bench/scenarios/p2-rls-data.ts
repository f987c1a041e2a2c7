import { randomBytes } from 'node:crypto';
import { createDatabaseRuntime, dbConfigFromEnv, quoteIdent } from '@tenantry/db';
import { migrationPlan, prepareDatabase } from '@tenantry/platform';
import pg from 'pg';

/** The three tenants P2 measures, by share of the table's rows. */
export interface ChosenTenant {
  label: string;
  tenantId: string;
  rows: number;
}

export interface RlsDataset {
  /** The throwaway database, as its owner (the superuser that created it). */
  databaseUrl: string;
  appRole: string;
  /** A BYPASSRLS role with SELECT on inventory_items only: the lower bound's reader. */
  bypassRole: string;
  tenants: ChosenTenant[];
  totalRows: number;
  tenantCount: number;
  /** Seconds spent creating, migrating and loading, by step. */
  timings: { migrate: number; load: number; indexes: number; vacuum: number };
  drop(): Promise<void>;
}

const tenantCount = 10_000;
const totalRows = 10_000_000;
/** Tenant numbers of the chosen tenants and their sizes (1 %, 0.1 %, 0.01 % of the rows). */
const chosen = [
  { label: '1 %', number: 3_333, rows: 100_000 },
  { label: '0.1 %', number: 6_666, rows: 10_000 },
  { label: '0.01 %', number: 9_999, rows: 1_000 },
] as const;
const others = tenantCount - chosen.length;
const remainder = totalRows - chosen.reduce((sum, tenant) => sum + tenant.rows, 0);
const basePerTenant = Math.floor(remainder / others);
/** Tenants 1..extra hold one row more, so the total is exact. */
const extra = remainder - basePerTenant * others;

/**
 * Tenant k's id: time-ordered like the uuidv7 ids the platform mints, so the
 * load appends to the primary key instead of splitting pages at random.
 */
const tenantIdSql = (k: string) => `('00000000-0000-7000-8000-' || lpad(to_hex(${k}), 12, '0'))::uuid`;
export const tenantIdOf = (k: number) => `00000000-0000-7000-8000-${k.toString(16).padStart(12, '0')}`;

const sizeSql = `case k ${chosen.map((tenant) => `when ${tenant.number} then ${tenant.rows}`).join(' ')} else ${basePerTenant} + (k <= ${extra})::int end`;

/**
 * One chunk of tenants: every item of tenants [from, to]. The SKU starts with
 * a hash so SKU order (the list's order) is not the insertion order, as in a
 * real catalogue; the `-j` suffix keeps it unique within the tenant.
 */
const insertChunk = (from: number, to: number) => `
  insert into inventory_items
    (tenant_id, id, sku, name, unit, barcode, price, tax_category, reorder_point, status)
  select ${tenantIdSql('k')},
         (lpad(to_hex(k), 8, '0') || lpad(to_hex(j), 8, '0') || '70008000' || substr(h, 1, 8))::uuid,
         upper(substr(h, 9, 6)) || '-' || j,
         'Item ' || substr(h, 15, 10) || ' ' || j,
         'pcs',
         lpad(((k::bigint * 1000003 + j) % 10000000000000)::text, 13, '0'),
         (j * 37) % 100000,
         'standard',
         j % 20,
         case when j % 50 = 0 then 'archived' else 'active' end
    from generate_series(${from}, ${to}) as k
         cross join lateral generate_series(1, ${sizeSql}) as j
         cross join lateral md5(k || '-' || j) as h`;

const chunks = (count: number): [number, number][] =>
  Array.from({ length: count }, (_, index) => [
    Math.floor((index * tenantCount) / count) + 1,
    Math.floor(((index + 1) * tenantCount) / count),
  ]);

const seconds = (started: number) => (performance.now() - started) / 1_000;

/**
 * A throwaway database migrated like production, with inventory_items holding
 * 10,000,000 rows over 10,000 tenants, loaded as the owner with the secondary
 * indexes dropped during the load and rebuilt (from their own definitions)
 * after it, then vacuumed and analyzed. drop() removes the database and role.
 */
export const createRlsDataset = async (): Promise<RlsDataset> => {
  const serverUrl = process.env.BENCH_DATABASE_SERVER_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const suffix = randomBytes(4).toString('hex');
  const name = `tenantry_bench_p2_${suffix}`;
  const bypassRole = `tenantry_bench_bypass_${suffix}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const drop = async () => {
    await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`);
    await admin.query(`drop role if exists ${quoteIdent(bypassRole)}`);
    await admin.end();
  };
  try {
    let started = performance.now();
    await admin.query(`create database ${quoteIdent(name)}`);
    const config = { ...dbConfigFromEnv({}), ownerUrl: databaseUrl, poolSize: 2 };
    const runtime = await createDatabaseRuntime(config, migrationPlan);
    try {
      await prepareDatabase(runtime);
    } finally {
      await runtime.close();
    }
    await admin.query(`create role ${quoteIdent(bypassRole)} nologin bypassrls`);
    const migrate = seconds(started);

    const owner = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    owner.on('error', () => {});
    try {
      await owner.query(
        `grant usage on schema public to ${quoteIdent(bypassRole)};
         grant select on inventory_items to ${quoteIdent(bypassRole)}`,
      );
      const indexes = (
        await owner.query<{ name: string; definition: string }>(
          `select indexname as name, indexdef as definition from pg_indexes
            where schemaname = 'public' and tablename = 'inventory_items'
              and indexname <> 'inventory_items_tenant_id_id_pk'`,
        )
      ).rows;
      for (const index of indexes) await owner.query(`drop index ${quoteIdent(index.name)}`);

      started = performance.now();
      // Two sessions (the machine's two cores), each loading every other chunk.
      const work = chunks(8);
      await Promise.all(
        [0, 1].map(async (lane) => {
          const client = await owner.connect();
          try {
            await client.query('set synchronous_commit = off');
            for (const [from, to] of work.filter((_, index) => index % 2 === lane))
              await client.query(insertChunk(from, to));
          } finally {
            client.release();
          }
        }),
      );
      const load = seconds(started);

      started = performance.now();
      const client = await owner.connect();
      try {
        await client.query(`set maintenance_work_mem = '512MB'`);
        for (const index of indexes) await client.query(index.definition);
      } finally {
        client.release();
      }
      const indexTime = seconds(started);

      started = performance.now();
      // Sets hint bits and the visibility map, so the arms do not pay for the load's first reads.
      await owner.query('vacuum (analyze) inventory_items');
      const vacuum = seconds(started);

      const counted = await owner.query<{ rows: number; chosen: number[] }>(
        `select (select count(*)::int from inventory_items) as rows,
                array(select (select count(*)::int from inventory_items where tenant_id = t)
                        from unnest($1::uuid[]) with ordinality as c(t, n) order by n) as chosen`,
        [chosen.map((tenant) => tenantIdOf(tenant.number))],
      );
      const loaded = counted.rows[0];
      if (loaded?.rows !== totalRows || loaded.chosen.some((rows, index) => rows !== chosen[index]?.rows))
        throw new Error(`P2 load: expected ${totalRows} rows, got ${JSON.stringify(loaded)}`);

      return {
        databaseUrl,
        appRole: config.appRole,
        bypassRole,
        tenants: chosen.map((tenant) => ({
          label: tenant.label,
          tenantId: tenantIdOf(tenant.number),
          rows: tenant.rows,
        })),
        totalRows,
        tenantCount,
        timings: { migrate, load, indexes: indexTime, vacuum },
        drop,
      };
    } finally {
      await owner.end();
    }
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
};
