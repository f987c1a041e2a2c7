import { newId } from '@tenantry/core';
import { createTestDatabase, type TestDatabase } from '@tenantry/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDatabaseRuntime,
  type DatabaseRuntime,
  platformTenantId,
  queryRows,
  tenantSettings,
} from '../src';

describe('tenant context on a pool of two connections', () => {
  let database: TestDatabase;
  let runtime: DatabaseRuntime;
  const tenants = Array.from({ length: 8 }, () => newId());

  beforeAll(async () => {
    database = await createTestDatabase();
    runtime = await createDatabaseRuntime({ ...database.config, poolSize: 2 });
    for (const tenantId of tenants) {
      await runtime.router.withTenant(tenantId, (tx) =>
        tx.insert(tenantSettings).values({ tenantId, key: 'owner', value: tenantId }),
      );
    }
  });

  afterAll(async () => {
    await runtime?.close();
    await database?.drop();
  });

  it('never lets a tenant see another tenant’s rows, even when transactions fail midway', async () => {
    const failure = new Error('thrown mid-transaction');
    const work = Array.from({ length: 400 }, async (_, index) => {
      const tenantId = tenants[index % tenants.length] as string;
      const shouldFail = index % 3 === 0;
      try {
        return await runtime.router.withTenant(tenantId, async (tx) => {
          const rows = await tx.select({ tenantId: tenantSettings.tenantId }).from(tenantSettings);
          const [setting] = await queryRows<{ tenant: string }>(
            tx,
            sql`select current_setting('app.current_tenant_id') as tenant`,
          );
          if (shouldFail) throw failure;
          return { tenantId, seen: rows.map((row) => row.tenantId), setting: setting?.tenant };
        });
      } catch (error) {
        if (error !== failure) throw error;
        return null;
      }
    });
    const results = (await Promise.all(work)).filter((result) => result !== null);
    expect(results.length).toBeGreaterThan(200);
    for (const result of results) {
      expect(result.seen).toEqual([result.tenantId]);
      expect(result.setting).toBe(result.tenantId);
    }
    // After all that, pooled connections carry no tenant over: platform work sees only its own scope.
    const [leftover] = await runtime.router.withPlatform((tx) =>
      queryRows<{ tenant: string | null }>(
        tx,
        sql`select current_setting('app.current_tenant_id', true) as tenant`,
      ),
    );
    expect(leftover?.tenant).toBe(platformTenantId);
  });
});
