import type { Principal } from '@tenantry/core';
import { createDatabaseRuntime, type DatabaseRuntime } from '@tenantry/db';
import { migrationPlan } from '@tenantry/platform';
import { createTestDatabase, type TestDatabase } from '@tenantry/testing';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { type AnyRouteDefinition, type ApiConfig, type AppDeps, apiConfigFromEnv, buildApp } from '../src';

/**
 * A stand-in for the identity module's authenticator, so the pipeline can be
 * tested before identity exists: `Authorization: Test tenant=<id>;user=<id>;perms=a,b`.
 */
export const headerAuthenticator = async (request: FastifyRequest): Promise<Principal | null> => {
  const header = request.headers.authorization;
  if (!header?.startsWith('Test ')) return null;
  const fields = Object.fromEntries(
    header
      .slice(5)
      .split(';')
      .map((pair) => pair.split('=') as [string, string]),
  );
  return {
    kind: 'user',
    id: fields.user ?? 'user',
    tenantId: fields.tenant ?? null,
    roles: [],
    permissions: fields.perms ? fields.perms.split(',') : [],
  };
};

export const asUser = (tenantId: string, userId: string, permissions: string[] = []) => ({
  authorization: `Test tenant=${tenantId};user=${userId};perms=${permissions.join(',')}`,
});

export interface TestApp {
  app: FastifyInstance;
  db: DatabaseRuntime;
  database: TestDatabase;
  close(): Promise<void>;
}

export const createTestApp = async (
  options: {
    routes?: AnyRouteDefinition[];
    config?: Partial<ApiConfig>;
    redis?: Redis;
    logger?: AppDeps['logger'];
  } = {},
): Promise<TestApp> => {
  const database = await createTestDatabase();
  const db = await createDatabaseRuntime(database.config, migrationPlan);
  const config = { ...apiConfigFromEnv({}), ...options.config };
  const app = await buildApp({
    config,
    db,
    redis: options.redis,
    authenticate: headerAuthenticator,
    routes: options.routes ?? [],
    logger: options.logger,
  });
  await app.ready();
  return {
    app,
    db,
    database,
    async close() {
      await app.close();
      await db.close();
      await database.drop();
    },
  };
};
