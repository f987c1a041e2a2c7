import { randomBytes } from 'node:crypto';
import {
  createDatabaseRuntime,
  type DatabaseRuntime,
  dbConfigFromEnv,
  openPostgres,
  quoteIdent,
} from '@tenantry/db';
import { identityConfigFromEnv } from '@tenantry/identity';
import { migrationPlan, prepareDatabase } from '@tenantry/platform';
import type { FastifyInstance } from 'fastify';
import { apiConfigFromEnv, buildApp, createPlatformModules } from '../src';

/** Every benchmark user's password. */
export const benchPassword = 'a long benchmark passphrase 42';

export interface BenchTenant {
  token: string;
  tenantId: string;
  email: string;
}

export interface BenchPlatform {
  /** The API's base URL (listening on loopback). */
  address: string;
  app: FastifyInstance;
  db: DatabaseRuntime;
  /** The benchmark's own database, e.g. for raw-SQL baselines as its owner. */
  databaseUrl: string;
  /** Calls the API with JSON and answers `data`; throws on an error status. */
  call(method: string, path: string, body?: unknown, token?: string): Promise<Record<string, unknown>>;
  /** An active tenant's owner access token and the tenant id. */
  owner: BenchTenant;
  /** Another approved tenant (plan pro) with its owner signed in, through the API. */
  addTenant(slug: string): Promise<BenchTenant>;
  close(): Promise<void>;
}

/**
 * A throwaway database on the benchmark server, migrated, with the API
 * listening on loopback (no rate limit) and one approved tenant whose owner
 * is signed in. BENCH_DATABASE_SERVER_URL picks the server.
 */
export const startBenchPlatform = async (options: { poolSize?: number } = {}): Promise<BenchPlatform> => {
  const serverUrl = process.env.BENCH_DATABASE_SERVER_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `tenantry_bench_${randomBytes(4).toString('hex')}`;
  const admin = openPostgres(serverUrl, { max: 1 });
  await admin.rawStatement(`create database ${quoteIdent(name)}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await createDatabaseRuntime(
    { ...dbConfigFromEnv({}), ownerUrl: url.toString(), poolSize: options.poolSize ?? 20 },
    migrationPlan,
  );
  const close = async () => {
    await db.close();
    await admin.rawStatement(`drop database if exists ${quoteIdent(name)} with (force)`);
    await admin.close();
  };
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
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const response = await fetch(`${address}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await response.json()) as { data: Record<string, unknown> };
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json.data;
    };
    await call('POST', '/v1/superadmin/setup', {
      email: 'root@bench.test',
      password: benchPassword,
      name: 'Root',
    });
    const root = (await call('POST', '/v1/auth/login', { email: 'root@bench.test', password: benchPassword }))
      .accessToken as string;
    const addTenant = async (slug: string): Promise<BenchTenant> => {
      const email = `owner@${slug}.bench.test`;
      const signup = await call('POST', '/v1/auth/signup', {
        tenantName: `Bench ${slug}`,
        tenantSlug: slug,
        email,
        password: benchPassword,
        name: 'Owner',
      });
      const tenantId = (signup.tenant as { id: string }).id;
      await call('POST', `/v1/superadmin/tenants/${tenantId}/approve`, {}, root);
      await call('PUT', `/v1/superadmin/tenants/${tenantId}/plan`, { planKey: 'pro' }, root);
      const token = (await call('POST', '/v1/auth/login', { email, password: benchPassword }))
        .accessToken as string;
      return { token, tenantId, email };
    };
    const owner = await addTenant('bench');
    return {
      address,
      app,
      db,
      databaseUrl: url.toString(),
      call,
      owner,
      addTenant,
      async close() {
        await app.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
};
