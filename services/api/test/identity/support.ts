import { type Clock, systemClock } from '@tenantry/core';
import { createDatabaseRuntime, type DatabaseRuntime } from '@tenantry/db';
import { type IdentityConfig, identityConfigFromEnv } from '@tenantry/identity';
import { migrationPlan } from '@tenantry/platform';
import { createTestDatabase, type TestDatabase } from '@tenantry/testing';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { expect } from 'vitest';
import {
  type AnyRouteDefinition,
  type AppDeps,
  apiConfigFromEnv,
  buildApp,
  createPlatformModules,
  type IdentityModule,
  type PlatformModules,
} from '../../src';

export interface IdentityTestApp {
  app: FastifyInstance;
  db: DatabaseRuntime;
  database: TestDatabase;
  identity: IdentityModule;
  modules: PlatformModules;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field.
  call(request: CallOptions): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

export interface CallOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  token?: string;
  body?: unknown;
  ip?: string;
  headers?: Record<string, string>;
}

/** Fast lockout settings so brute-force tests finish in seconds. */
export const testIdentityConfig = (overrides: Partial<IdentityConfig> = {}): IdentityConfig => {
  const base = identityConfigFromEnv({ PUBLIC_URL: 'http://tenantry.test' });
  return { ...base, lockout: { ...base.lockout, delayBaseMs: 20, delayMaxMs: 200 }, ...overrides };
};

/** The API with the real identity module on its own cloned database. */
export const createIdentityTestApp = async (
  options: {
    config?: Partial<IdentityConfig>;
    redis?: Redis;
    clock?: Clock;
    routes?: AnyRouteDefinition[];
    /** App wiring beyond identity's, taken from the modules (e.g. each plan's rate limit). */
    wire?: (modules: PlatformModules) => Partial<AppDeps>;
  } = {},
): Promise<IdentityTestApp> => {
  const database = await createTestDatabase();
  const db = await createDatabaseRuntime(database.config, migrationPlan);
  const modules = await createPlatformModules({
    db,
    identityConfig: testIdentityConfig(options.config),
    redis: options.redis,
    clock: options.clock ?? systemClock,
  });
  const identity = modules.identity;
  const app = await buildApp({
    config: {
      ...apiConfigFromEnv({}),
      rateLimit: { windowMs: 60_000, tenantMax: 100_000, anonymousMax: 100_000 },
    },
    db,
    redis: options.redis,
    clock: options.clock,
    authenticate: modules.authenticate,
    routes: [...modules.routes, ...(options.routes ?? [])],
    metrics: false,
    ...options.wire?.(modules),
  });
  await app.ready();
  return {
    app,
    db,
    database,
    identity,
    modules,
    async call({ method, url, token, body, ip, headers }) {
      const response = await app.inject({
        method,
        url,
        remoteAddress: ip ?? '203.0.113.10',
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      const text = response.body;
      // Every identity response of every test: no password hash, no stored token hash (sha256 hex).
      expect(text, `${method} ${url}`).not.toMatch(/\$argon2|\b[0-9a-f]{64}\b/);
      return { status: response.statusCode, body: text ? JSON.parse(text) : null, headers: response.headers };
    },
    async close() {
      await app.close();
      await db.close();
      await database.drop();
    },
  };
};

export const strongPassword = 'correct horse battery staple 42';

let counter = 0;
/** A unique slug and e-mail per call. */
export const uniqueName = (stem: string) => {
  counter += 1;
  const suffix = `${process.pid.toString(36)}${counter}`;
  return { slug: `${stem}-${suffix}`, email: `${stem}-${suffix}@example.test` };
};

export const createSuperadmin = async (t: IdentityTestApp) => {
  const email = 'root@platform.test';
  const setup = await t.call({
    method: 'POST',
    url: '/v1/superadmin/setup',
    body: { email, password: strongPassword, name: 'Root' },
  });
  expect(setup.status).toBe(201);
  return loginAs(t, email);
};

export const loginAs = async (
  t: IdentityTestApp,
  email: string,
  tenantSlug?: string,
  password = strongPassword,
) => {
  const response = await t.call({
    method: 'POST',
    url: '/v1/auth/login',
    body: { email, password, ...(tenantSlug ? { tenantSlug } : {}) },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.data as { accessToken: string; refreshToken: string; expiresIn: number };
};

export const signupTenant = async (t: IdentityTestApp, stem: string) => {
  const { slug, email } = uniqueName(stem);
  const response = await t.call({
    method: 'POST',
    url: '/v1/auth/signup',
    body: {
      tenantName: `${stem} Ltd`,
      tenantSlug: slug,
      email,
      password: strongPassword,
      name: `${stem} Owner`,
    },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return {
    slug,
    email,
    tenantId: response.body.data.tenant.id as string,
    userId: response.body.data.user.id as string,
  };
};

/** Sign-up, approval by the superadmin, and the owner's login. */
export const activeTenant = async (
  t: IdentityTestApp,
  superadminToken: string,
  stem: string,
  mode: 'shared' | 'schema' | 'database' = 'shared',
) => {
  const tenant = await signupTenant(t, stem);
  const approved = await t.call({
    method: 'POST',
    url: `/v1/superadmin/tenants/${tenant.tenantId}/approve`,
    token: superadminToken,
    body: { mode },
  });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  const tokens = await loginAs(t, tenant.email, tenant.slug);
  return { ...tenant, tokens };
};

export type CallMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Calls the API as the holder of a token, with an optional body and headers. */
export const callerOf =
  (t: () => IdentityTestApp) =>
  (method: CallMethod, url: string, token: string, body?: unknown, headers?: Record<string, string>) =>
    t().call({
      method,
      url,
      token,
      ...(body === undefined ? {} : { body }),
      ...(headers ? { headers } : {}),
    });
