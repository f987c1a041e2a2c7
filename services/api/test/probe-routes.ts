import { conflictError, newId, notFoundError } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
import { queryRows, tenantSettings } from '@tenantry/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AnyRouteDefinition, defineRoute } from '../src';

/**
 * Routes that exist only in these tests, to exercise the pipeline (guard,
 * validation, errors, idempotency) before real modules arrive. They write
 * through the tenancy router like any module would.
 */
export const probeRoutes = (db: () => DatabaseRuntime, hooks: { beforeWrite?: () => Promise<void> } = {}) =>
  [
    defineRoute({
      method: 'POST',
      path: '/v1/probe/settings',
      operationId: 'createProbeSetting',
      summary: 'Write a tenant setting',
      module: 'probe',
      access: { permission: 'probe.setting.write' },
      body: z.object({ key: z.string().min(1).max(64), value: z.number().int() }).strict(),
      response: z.object({ key: z.string(), value: z.number(), writeId: z.string() }),
      successStatus: 201,
      handler: async ({ body, principal }) => {
        await hooks.beforeWrite?.();
        const tenantId = principal?.tenantId ?? '';
        const writeId = newId();
        await db().router.withTenant(tenantId, (tx) =>
          tx
            .insert(tenantSettings)
            .values({ tenantId, key: body.key, value: { value: body.value, writeId } }),
        );
        return { data: { key: body.key, value: body.value, writeId } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/probe/settings/:key',
      operationId: 'getProbeSetting',
      summary: 'Read a tenant setting',
      module: 'probe',
      access: { permission: 'probe.setting.read' },
      params: z.object({ key: z.string() }),
      response: z.object({ key: z.string(), count: z.number() }),
      handler: async ({ params, principal }) => {
        const tenantId = principal?.tenantId ?? '';
        const [row] = await db().router.withTenant(tenantId, (tx) =>
          queryRows<{ count: number }>(
            tx,
            sql`select count(*)::int as count from ${tenantSettings} where ${tenantSettings.key} = ${params.key}`,
          ),
        );
        const count = row?.count ?? 0;
        if (count === 0) throw notFoundError('No such setting');
        return { data: { key: params.key, count } };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/probe/conflict',
      operationId: 'probeConflict',
      summary: 'Always conflicts',
      module: 'probe',
      access: { public: true },
      response: z.object({}),
      handler: async () => {
        throw conflictError('Already done', { details: { reason: 'test' } });
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/probe/crash',
      operationId: 'probeCrash',
      summary: 'Throws an unexpected error',
      module: 'probe',
      access: { public: true },
      response: z.object({}),
      handler: async () => {
        throw new Error('secret internal detail at /srv/app.ts:42');
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/probe/leaky',
      operationId: 'probeLeaky',
      summary: 'Returns more than its contract names',
      module: 'probe',
      access: { public: true },
      response: z.object({ name: z.string() }),
      handler: async () => ({
        data: { name: 'visible', passwordHash: 'argon2id$secret' } as { name: string },
      }),
    }),
  ] as AnyRouteDefinition[];
