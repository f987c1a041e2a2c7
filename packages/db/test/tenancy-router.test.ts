import { newId } from '@tenantry/core';
import { createTestDatabase, type TestDatabase } from '@tenantry/testing';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createDatabaseRuntime,
  type DatabaseRuntime,
  openPostgres,
  queryRows,
  type TenancyMode,
  tenantSettings,
} from '../src';

const modes: TenancyMode[] = ['shared', 'schema', 'database'];

describe('tenancy router', () => {
  let database: TestDatabase;
  let runtime: DatabaseRuntime;

  beforeAll(async () => {
    database = await createTestDatabase();
    runtime = await createDatabaseRuntime(database.config);
  });

  afterAll(async () => {
    await runtime?.close();
    await database?.drop();
  });

  const readKeys = (tenantId: string) =>
    runtime.router.withTenant(tenantId, async (tx) =>
      (
        await tx.select({ key: tenantSettings.key, tenantId: tenantSettings.tenantId }).from(tenantSettings)
      ).map((row) => `${row.tenantId}:${row.key}`),
    );

  const write = (tenantId: string, key: string, rowTenantId = tenantId) =>
    runtime.router.withTenant(tenantId, (tx) =>
      tx.insert(tenantSettings).values({ tenantId: rowTenantId, key, value: { by: tenantId } }),
    );

  it('runs tenant work as the app role, which is not superuser and cannot bypass RLS', async () => {
    const tenantId = newId();
    const [who] = await runtime.router.withTenant(tenantId, (tx) =>
      queryRows<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean }>(
        tx,
        sql`select current_user, r.rolsuper, r.rolbypassrls from pg_roles r where r.rolname = current_user`,
      ),
    );
    expect(who).toEqual({ current_user: 'tenantry_app', rolsuper: false, rolbypassrls: false });
  });

  for (const mode of modes) {
    describe(`${mode} mode`, () => {
      const tenantA = newId();
      const tenantB = newId();

      beforeAll(async () => {
        await runtime.provisionTenant(tenantA, mode);
        await runtime.provisionTenant(tenantB, mode);
        await write(tenantA, 'a.secret');
        await write(tenantB, 'b.visible');
      });

      it("hides tenant A's rows from tenant B", async () => {
        expect(await readKeys(tenantB)).toEqual([`${tenantB}:b.visible`]);
        expect(await readKeys(tenantA)).toEqual([`${tenantA}:a.secret`]);
      });

      it("refuses tenant B writing a row with tenant A's id", async () => {
        // 42501: new row violates row-level security policy
        await expect(write(tenantB, 'forged', tenantA)).rejects.toMatchObject({ cause: { code: '42501' } });
        expect(await readKeys(tenantA)).toEqual([`${tenantA}:a.secret`]);
      });

      it("leaves tenant A's rows untouched by tenant B's update and delete", async () => {
        const touched = await runtime.router.withTenant(tenantB, async (tx) => {
          const updated = await tx
            .update(tenantSettings)
            .set({ value: { hijacked: true } })
            .where(eq(tenantSettings.tenantId, tenantA))
            .returning();
          const deleted = await tx
            .delete(tenantSettings)
            .where(eq(tenantSettings.tenantId, tenantA))
            .returning();
          return updated.length + deleted.length;
        });
        expect(touched).toBe(0);
        const value = await runtime.router.withTenant(tenantA, async (tx) => {
          const [row] = await tx.select().from(tenantSettings).where(eq(tenantSettings.key, 'a.secret'));
          return row?.value;
        });
        expect(value).toEqual({ by: tenantA });
      });
    });
  }

  it('keeps schema-mode rows in the tenant schema and database-mode rows in the tenant database', async () => {
    const schemaTenant = newId();
    const databaseTenant = newId();
    const schemaProfile = await runtime.provisionTenant(schemaTenant, 'schema');
    const databaseProfile = await runtime.provisionTenant(databaseTenant, 'database');
    await write(schemaTenant, 'in.schema');
    await write(databaseTenant, 'in.database');

    const [where] = await runtime.router.withTenant(schemaTenant, (tx) =>
      queryRows<{ schema: string }>(tx, sql`select current_schema() as schema`),
    );
    expect(where?.schema).toBe(schemaProfile.schemaName);
    const [current] = await runtime.router.withTenant(databaseTenant, (tx) =>
      queryRows<{ name: string }>(tx, sql`select current_database() as name`),
    );
    expect(current?.name).toBe(databaseProfile.databaseName);
    expect(databaseProfile.databaseName).not.toBe(database.name);
  });

  it('fails a query on a tenant table when no tenant is set, instead of returning all rows', async () => {
    const tenantId = newId();
    await write(tenantId, 'present');
    const appConnection = openPostgres(database.config.appUrl ?? '', { max: 1 });
    try {
      // 42704: unrecognized configuration parameter app.current_tenant_id
      await expect(
        appConnection.rawTransaction(async (session) => {
          await session.query("select set_config('role', 'tenantry_app', true)");
          return session.query('select * from tenant_settings');
        }),
      ).rejects.toMatchObject({ code: '42704' });
      // 22P02: once set and reset on this connection the setting is '', which is no uuid either
      await expect(
        appConnection.rawTransaction(async (session) => {
          await session.query("select set_config('app.current_tenant_id', '', true)");
          await session.query("select set_config('role', 'tenantry_app', true)");
          return session.query('select * from tenant_settings');
        }),
      ).rejects.toMatchObject({ code: '22P02' });
    } finally {
      await appConnection.close();
    }
  });

  it('shows platform work no tenant rows', async () => {
    const tenantId = newId();
    await write(tenantId, 'hidden.from.platform');
    const rows = await runtime.router.withPlatform((tx) => tx.select().from(tenantSettings));
    expect(rows.filter((row) => row.tenantId === tenantId)).toEqual([]);
  });

  it('sends BEGIN with the role and tenant in one round trip, then the work, then COMMIT', async () => {
    const tenantId = newId();
    await runtime.provisionTenant(tenantId, 'shared');
    await readKeys(tenantId);
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    try {
      await readKeys(tenantId);
      const texts = sent.mock.calls.map(([query]) =>
        typeof query === 'string' ? query : (query as { text: string }).text,
      );
      expect(texts).toEqual([
        `begin; select set_config('role', 'tenantry_app', true), set_config('app.current_tenant_id', '${tenantId}', true)`,
        expect.stringMatching(/^select .* from "tenant_settings"$/),
        'commit',
      ]);
    } finally {
      sent.mockRestore();
    }
  });

  it('rolls back when the setup fails, sends values only as quoted literals, and keeps the pool usable', async () => {
    const role = "no_such_role'; select 1; --\\";
    let ran = false;
    await expect(
      runtime.router.withStorage(null, role, async () => {
        ran = true;
      }),
    ).rejects.toMatchObject({ message: `role "${role}" does not exist` });
    expect(ran).toBe(false);
    const tenantId = newId();
    await write(tenantId, 'after.failure');
    expect(await readKeys(tenantId)).toEqual([`${tenantId}:after.failure`]);
    expect(runtime.router.poolStats().total).toBeLessThanOrEqual(database.config.poolSize);
  });

  it('refuses a tenant id that is not a uuid', async () => {
    await expect(runtime.router.withTenant('', async () => 1)).rejects.toMatchObject({
      code: 'TENANT_CONTEXT_MISSING',
    });
  });

  it('refuses to move a provisioned tenant to another mode in place', async () => {
    const tenantId = newId();
    await runtime.provisionTenant(tenantId, 'schema');
    await expect(runtime.provisionTenant(tenantId, 'shared')).rejects.toMatchObject({ kind: 'CONFLICT' });
    await expect(runtime.provisionTenant(tenantId, 'schema')).resolves.toMatchObject({ mode: 'schema' });
  });

  it('migrates again without changes, tenant storages included', async () => {
    expect(await runtime.migrate()).toEqual([]);
  });
});
