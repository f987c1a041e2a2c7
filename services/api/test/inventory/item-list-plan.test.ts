import { queryRows } from '@tenantry/db';
import { listItemRows } from '@tenantry/inventory';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useRbacTenant } from '../rbac/support';
import { inventoryClient, uniqueCode } from './support';

/**
 * Under RLS, Postgres runs a predicate before the tenant policy only if it is
 * leakproof; a keyset condition on lower(sku) was not, so each later page read
 * the tenant's whole prefix of the index. On the stored sku_key it is an index
 * condition.
 */
describe('item list plan under RLS', () => {
  const app = useRbacTenant('inventory-item-plan');
  const inventory = inventoryClient(() => app.t);

  it('uses the keyset cursor as an index condition, as the app role', async () => {
    const owner = app.members.owner.token;
    await inventory.makeItem(owner, { sku: uniqueCode('plan') });
    const tenantId = app.tenantId;
    const plan = await app.t.db.router.withTenant(tenantId, async (tx) => {
      // Few rows here: the plan Postgres would choose on a big table is forced.
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      // The repository answers drizzle's query builder (typed as its promise): its SQL, unrun.
      const query = listItemRows(tx, tenantId, {
        after: { sku: 'm', id: '00000000-0000-0000-0000-000000000000' },
        limit: 51,
      }) as unknown as { toSQL(): { sql: string; params: unknown[] } };
      const { sql: text, params } = query.toSQL();
      const inlined = text.replace(/\$(\d+)/g, (_, index: string) => {
        const value = params[Number(index) - 1];
        return typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`;
      });
      const rows = await queryRows<{ 'QUERY PLAN': string }>(tx, sql.raw(`explain ${inlined}`));
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    // The range starts at the cursor in the index; only the tie on id is left to a filter.
    expect(plan).toMatch(/Index Cond: \(\(tenant_id = [^)]+\) AND \(sku_key >= /);
  });
});
