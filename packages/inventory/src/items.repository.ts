import type { Tx } from '@tenantry/db';
import { and, asc, eq, getTableColumns, ilike, inArray, or, sql } from 'drizzle-orm';
import { inventoryItems } from './schema';

// sku_key is derived by Postgres (lower(sku)); services never set or show it.
export type ItemRow = Omit<typeof inventoryItems.$inferSelect, 'skuKey'>;
export type NewItemRow = typeof inventoryItems.$inferInsert;

/** Inserts an item; false when its SKU is taken. */
export const insertItem = async (tx: Tx, row: NewItemRow): Promise<boolean> =>
  (await tx.insert(inventoryItems).values(row).onConflictDoNothing().returning({ id: inventoryItems.id }))
    .length === 1;

export const findItem = async (tx: Tx, tenantId: string, id: string): Promise<ItemRow | null> =>
  (
    await tx
      .select()
      .from(inventoryItems)
      .where(and(eq(inventoryItems.tenantId, tenantId), eq(inventoryItems.id, id)))
  )[0] ?? null;

export const findItems = (tx: Tx, tenantId: string, ids: readonly string[]): Promise<ItemRow[]> =>
  ids.length === 0
    ? Promise.resolve([])
    : tx
        .select()
        .from(inventoryItems)
        .where(and(eq(inventoryItems.tenantId, tenantId), inArray(inventoryItems.id, [...ids])));

/** Updates an item; false when the new SKU is taken by another item. */
export const updateItem = async (
  tx: Tx,
  tenantId: string,
  id: string,
  values: Partial<Omit<NewItemRow, 'tenantId' | 'id' | 'createdAt'>>,
): Promise<ItemRow | null | 'sku_taken'> => {
  if (values.sku !== undefined) {
    const clash = await tx
      .select({ id: inventoryItems.id })
      .from(inventoryItems)
      .where(
        and(
          eq(inventoryItems.tenantId, tenantId),
          eq(inventoryItems.skuKey, sql`lower(${values.sku})`),
          sql`${inventoryItems.id} <> ${id}`,
        ),
      );
    if (clash.length > 0) return 'sku_taken';
  }
  return (
    (
      await tx
        .update(inventoryItems)
        .set(values)
        .where(and(eq(inventoryItems.tenantId, tenantId), eq(inventoryItems.id, id)))
        .returning()
    )[0] ?? null
  );
};

/** Escapes LIKE wildcards so a search term matches literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * A page of items by SKU (case-insensitive), after the cursor's (sku_key, id).
 * `search` matches SKU, name or barcode anywhere, case-insensitively.
 */
export const listItems = (
  tx: Tx,
  tenantId: string,
  query: {
    search?: string;
    status?: ItemRow['status'];
    after?: { sku: string; id: string };
    limit: number;
  },
): Promise<(ItemRow & { sortKey: string })[]> => {
  const pattern = query.search ? `%${likeLiteral(query.search)}%` : undefined;
  return (
    tx
      // The sort key as Postgres lowers it: the cursor must compare the way the index does.
      .select({ ...getTableColumns(inventoryItems), sortKey: inventoryItems.skuKey })
      .from(inventoryItems)
      .where(
        and(
          eq(inventoryItems.tenantId, tenantId),
          query.status ? eq(inventoryItems.status, query.status) : undefined,
          pattern
            ? or(
                ilike(inventoryItems.sku, pattern),
                ilike(inventoryItems.name, pattern),
                ilike(inventoryItems.barcode, pattern),
              )
            : undefined,
          query.after
            ? sql`(${inventoryItems.skuKey}, ${inventoryItems.id}) > (${query.after.sku}, ${query.after.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(asc(inventoryItems.skuKey), asc(inventoryItems.id))
      .limit(query.limit)
  );
};
