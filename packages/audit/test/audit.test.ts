import { ManualClock, newId, systemClock } from '@tenantry/core';
import { openPostgres, platformTenantId } from '@tenantry/db';
import { useTestDatabase } from '@tenantry/testing';
import { describe, expect, it } from 'vitest';
import { auditEvents, ensureAuditPartitions, listAudit, recordAudit } from '../src';

const monthsFromNow = (months: number): Date => {
  const date = new Date();
  date.setUTCDate(15);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date;
};

describe('audit trail', () => {
  const db = useTestDatabase();
  const tenantA = newId();
  const tenantB = newId();
  const actor = { type: 'user' as const, id: newId() };

  const write = (tenantId: string, clock = systemClock, action = 'item.updated') =>
    db.router.withTenant(tenantId, (tx) =>
      recordAudit(
        tx,
        {
          tenantId,
          actor,
          module: 'inventory',
          action,
          entity: { type: 'item', id: 'item-1' },
          before: { name: 'Tea', price: 300, sku: 'T1' },
          after: { name: 'Green tea', price: 300, sku: 'T1' },
          requestId: 'req-1',
        },
        { clock, newId },
      ),
    );

  it('records actor, module, action, entity, request id and a diff of changed fields only', async () => {
    await write(tenantA);
    const [row] = await db.router.withTenant(tenantA, (tx) => listAudit(tx, { action: 'item.updated' }, 10));
    expect(row).toMatchObject({
      tenantId: tenantA,
      actorType: 'user',
      actorId: actor.id,
      module: 'inventory',
      action: 'item.updated',
      entityType: 'item',
      entityId: 'item-1',
      requestId: 'req-1',
      diff: { name: { before: 'Tea', after: 'Green tea' } },
    });
  });

  it('writes nothing when the mutation’s transaction rolls back', async () => {
    const failure = new Error('rollback');
    await expect(
      db.router.withTenant(tenantA, async (tx) => {
        await recordAudit(
          tx,
          { tenantId: tenantA, actor, module: 'inventory', action: 'item.rolled_back' },
          { clock: systemClock, newId },
        );
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(
      await db.router.withTenant(tenantA, (tx) => listAudit(tx, { action: 'item.rolled_back' }, 10)),
    ).toEqual([]);
  });

  it('keeps each tenant’s rows under RLS, partitions included', async () => {
    await write(tenantB, systemClock, 'item.b_only');
    expect(await db.router.withTenant(tenantA, (tx) => listAudit(tx, { action: 'item.b_only' }, 10))).toEqual(
      [],
    );
    expect(
      await db.router.withTenant(tenantB, (tx) => listAudit(tx, { action: 'item.b_only' }, 10)),
    ).toHaveLength(1);

    // Reading a partition by name, as the app role with tenant A set, still shows none of B's rows.
    const month = new Date().toISOString().slice(0, 7).replace('-', '_');
    const app = openPostgres(db.config.appUrl as string, { max: 1 });
    try {
      const rows = await app.rawTransaction(async (session) => {
        await session.query(
          "select set_config('role', 'tenantry_app', true), set_config('app.current_tenant_id', $1, true)",
          [tenantA],
        );
        return session.query<{ tenant_id: string }>(`select tenant_id from audit_events_${month}`);
      });
      expect(rows.rows.every((row) => row.tenant_id === tenantA)).toBe(true);
    } catch (error) {
      // No privilege on the partition at all is just as good: 42501.
      expect((error as { code?: string }).code).toBe('42501');
    } finally {
      await app.close();
    }
  });

  it('accepts a row for next month without any manual step', async () => {
    const nextMonth = new ManualClock(monthsFromNow(1));
    await write(tenantA, nextMonth, 'item.next_month');
    const rows = await db.router.withTenant(tenantA, (tx) =>
      listAudit(tx, { action: 'item.next_month' }, 10),
    );
    expect(rows[0]?.createdAt.toISOString()).toBe(nextMonth.now().toISOString());
  });

  it('creates further partitions ahead with the maintenance job, in every tenant storage', async () => {
    const farAhead = new ManualClock(monthsFromNow(8));
    await expect(write(tenantA, farAhead, 'item.far')).rejects.toMatchObject({ cause: { code: '23514' } });
    const schemaTenant = newId();
    await db.provisionTenant(schemaTenant, 'schema');
    expect(
      await ensureAuditPartitions(db, { from: monthsFromNow(7), monthsAhead: 2 }),
    ).toBeGreaterThanOrEqual(6);
    await write(tenantA, farAhead, 'item.far');
    await write(schemaTenant, farAhead, 'item.far');
    expect(
      await db.router.withTenant(schemaTenant, (tx) => listAudit(tx, { action: 'item.far' }, 10)),
    ).toHaveLength(1);
    expect(await ensureAuditPartitions(db, { from: monthsFromNow(7), monthsAhead: 2 })).toBe(0);
  });

  it('is append-only for the app role: rows cannot be changed or deleted', async () => {
    await write(tenantA, systemClock, 'item.immutable');
    await expect(
      db.router.withTenant(tenantA, (tx) => tx.update(auditEvents).set({ action: 'item.rewritten' })),
    ).rejects.toMatchObject({ cause: { code: '42501' } });
    await expect(db.router.withTenant(tenantA, (tx) => tx.delete(auditEvents))).rejects.toMatchObject({
      cause: { code: '42501' },
    });
  });

  it('keeps platform actions in the platform scope', async () => {
    await db.router.withPlatform((tx) =>
      recordAudit(
        tx,
        {
          tenantId: null,
          actor: { type: 'superadmin', id: newId() },
          module: 'identity',
          action: 'tenant.approved',
        },
        { clock: systemClock, newId },
      ),
    );
    const rows = await db.router.withPlatform((tx) => tx.select().from(auditEvents));
    expect(rows.map((row) => row.tenantId)).toEqual([platformTenantId]);
  });
});
