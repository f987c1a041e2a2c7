import { type SQL, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/*
 * Quantities are whole units (integer): an item sold by weight names its
 * smallest unit (g, ml). Money is integer minor units of the tenant's currency.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** One row per tenant: inventory's settings. A missing row means the defaults. */
export const inventorySettings = pgTable('inventory_settings', {
  tenantId: uuid('tenant_id').primaryKey(),
  /** When false, a sale that takes stock below zero still deducts but is flagged for review. */
  allowNegativeStock: boolean('allow_negative_stock').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Stores and warehouses. */
export const inventoryLocations = pgTable(
  'inventory_locations',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    kind: text('kind', { enum: ['store', 'warehouse'] })
      .notNull()
      .default('store'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    uniqueIndex('inventory_locations_code_key').on(table.tenantId, sql`lower(${table.code})`),
  ],
);

export const inventoryItems = pgTable(
  'inventory_items',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    sku: text('sku').notNull(),
    /**
     * lower(sku), stored: the list's sort key and cursor. Compared as a plain
     * column the keyset condition is leakproof, so under RLS Postgres can use
     * it in the index scan; on lower(sku) it ran as a filter after the policy,
     * reading the whole tenant's prefix of the index for each later page.
     */
    skuKey: text('sku_key')
      .notNull()
      .generatedAlwaysAs((): SQL => sql`lower(${inventoryItems.sku})`),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    barcode: text('barcode'),
    /** Selling price in minor units. */
    price: bigint('price', { mode: 'number' }).notNull(),
    taxCategory: text('tax_category').notNull().default('standard'),
    /** A level at or below this raises a low-stock alert. */
    reorderPoint: integer('reorder_point').notNull().default(0),
    status: text('status', { enum: ['active', 'archived'] })
      .notNull()
      .default('active'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    uniqueIndex('inventory_items_sku_key').on(table.tenantId, table.skuKey),
    index('inventory_items_barcode_idx').on(table.tenantId, table.barcode),
    index('inventory_items_name_idx').on(table.tenantId, sql`lower(${table.name})`),
    check('inventory_items_price_nonnegative', sql`${table.price} >= 0`),
    check('inventory_items_reorder_point_nonnegative', sql`${table.reorderPoint} >= 0`),
  ],
);

export const movementTypes = [
  'receive',
  'sale',
  'refund',
  'adjustment',
  'transfer_out',
  'transfer_in',
  'count_correction',
] as const;
export type MovementType = (typeof movementTypes)[number];

/**
 * The stock ledger: append-only (the app role may only INSERT and SELECT).
 * Levels are its running sum per item and location. A sale or refund line
 * is recorded once: the source key is unique for those types, so a
 * redelivered event cannot deduct twice even past the inbox.
 */
export const stockMovements = pgTable(
  'stock_movements',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    itemId: uuid('item_id').notNull(),
    locationId: uuid('location_id').notNull(),
    type: text('type', { enum: movementTypes }).notNull(),
    /** Signed: positive adds stock, negative removes it. */
    quantity: integer('quantity').notNull(),
    reason: text('reason').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: uuid('actor_id'),
    /** The document that caused it: ticket, refund, transfer, count, or none for a manual movement. */
    sourceType: text('source_type'),
    sourceId: uuid('source_id'),
    /** The line of the source document (ticket line, transfer line). */
    sourceLine: uuid('source_line'),
    /** The movement took stock below zero where the tenant does not allow it: someone should look. */
    flaggedForReview: boolean('flagged_for_review').notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    index('stock_movements_item_location_idx').on(table.tenantId, table.itemId, table.locationId),
    index('stock_movements_source_idx').on(table.tenantId, table.sourceId),
    uniqueIndex('stock_movements_sale_refund_once')
      .on(table.tenantId, table.type, table.sourceId, table.sourceLine)
      .where(sql`${table.type} in ('sale', 'refund')`),
    check('stock_movements_quantity_nonzero', sql`${table.quantity} <> 0`),
    foreignKey({
      name: 'stock_movements_item_fk',
      columns: [table.tenantId, table.itemId],
      foreignColumns: [inventoryItems.tenantId, inventoryItems.id],
    }),
    foreignKey({
      name: 'stock_movements_location_fk',
      columns: [table.tenantId, table.locationId],
      foreignColumns: [inventoryLocations.tenantId, inventoryLocations.id],
    }),
  ],
);

/** The ledger's running sum per item and location, kept in the movement's transaction. */
export const stockLevels = pgTable(
  'stock_levels',
  {
    tenantId: uuid('tenant_id').notNull(),
    itemId: uuid('item_id').notNull(),
    locationId: uuid('location_id').notNull(),
    // bigint: a level sums many movements, each bounded to int4.
    onHand: bigint('on_hand', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.itemId, table.locationId] }),
    foreignKey({
      name: 'stock_levels_item_fk',
      columns: [table.tenantId, table.itemId],
      foreignColumns: [inventoryItems.tenantId, inventoryItems.id],
    }),
    foreignKey({
      name: 'stock_levels_location_fk',
      columns: [table.tenantId, table.locationId],
      foreignColumns: [inventoryLocations.tenantId, inventoryLocations.id],
    }),
  ],
);

/**
 * Low-stock alerts: at most one open alert per item and location (a crossing
 * opens it, a restock above the reorder point clears it).
 */
export const stockAlerts = pgTable(
  'stock_alerts',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    itemId: uuid('item_id').notNull(),
    locationId: uuid('location_id').notNull(),
    status: text('status', { enum: ['open', 'cleared'] })
      .notNull()
      .default('open'),
    /** The level that crossed, and the reorder point it crossed. */
    onHand: bigint('on_hand', { mode: 'number' }).notNull(),
    reorderPoint: integer('reorder_point').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    uniqueIndex('stock_alerts_one_open')
      .on(table.tenantId, table.itemId, table.locationId)
      .where(sql`${table.status} = 'open'`),
    index('stock_alerts_status_idx').on(table.tenantId, table.status, table.openedAt),
    foreignKey({
      name: 'stock_alerts_item_fk',
      columns: [table.tenantId, table.itemId],
      foreignColumns: [inventoryItems.tenantId, inventoryItems.id],
    }),
    foreignKey({
      name: 'stock_alerts_location_fk',
      columns: [table.tenantId, table.locationId],
      foreignColumns: [inventoryLocations.tenantId, inventoryLocations.id],
    }),
  ],
);

/** Stock moving between locations: draft -> shipped -> partially_received -> received (or cancelled before shipping). */
export const stockTransfers = pgTable(
  'stock_transfers',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    fromLocationId: uuid('from_location_id').notNull(),
    toLocationId: uuid('to_location_id').notNull(),
    status: text('status', { enum: ['draft', 'shipped', 'partially_received', 'received', 'cancelled'] })
      .notNull()
      .default('draft'),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    shippedAt: timestamp('shipped_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    check('stock_transfers_distinct_locations', sql`${table.fromLocationId} <> ${table.toLocationId}`),
    foreignKey({
      name: 'stock_transfers_from_fk',
      columns: [table.tenantId, table.fromLocationId],
      foreignColumns: [inventoryLocations.tenantId, inventoryLocations.id],
    }),
    foreignKey({
      name: 'stock_transfers_to_fk',
      columns: [table.tenantId, table.toLocationId],
      foreignColumns: [inventoryLocations.tenantId, inventoryLocations.id],
    }),
  ],
);

/** What a transfer carries: in transit = shipped - received. */
export const stockTransferLines = pgTable(
  'stock_transfer_lines',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    transferId: uuid('transfer_id').notNull(),
    itemId: uuid('item_id').notNull(),
    quantity: integer('quantity').notNull(),
    shippedQuantity: integer('shipped_quantity').notNull().default(0),
    receivedQuantity: integer('received_quantity').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    uniqueIndex('stock_transfer_lines_item_key').on(table.tenantId, table.transferId, table.itemId),
    check('stock_transfer_lines_quantity_positive', sql`${table.quantity} > 0`),
    check(
      'stock_transfer_lines_received_within_shipped',
      sql`${table.receivedQuantity} >= 0 and ${table.receivedQuantity} <= ${table.shippedQuantity}`,
    ),
    foreignKey({
      name: 'stock_transfer_lines_transfer_fk',
      columns: [table.tenantId, table.transferId],
      foreignColumns: [stockTransfers.tenantId, stockTransfers.id],
    }),
    foreignKey({
      name: 'stock_transfer_lines_item_fk',
      columns: [table.tenantId, table.itemId],
      foreignColumns: [inventoryItems.tenantId, inventoryItems.id],
    }),
  ],
);

/** A stock count of one location: open, lines entered, then finalized into corrections. */
export const stockCounts = pgTable(
  'stock_counts',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    locationId: uuid('location_id').notNull(),
    status: text('status', { enum: ['open', 'finalized'] })
      .notNull()
      .default('open'),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    finalizedAt: timestamp('finalized_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    foreignKey({
      name: 'stock_counts_location_fk',
      columns: [table.tenantId, table.locationId],
      foreignColumns: [inventoryLocations.tenantId, inventoryLocations.id],
    }),
  ],
);

/** Counted quantity per item; expected and difference are filled at finalize. */
export const stockCountLines = pgTable(
  'stock_count_lines',
  {
    tenantId: uuid('tenant_id').notNull(),
    countId: uuid('count_id').notNull(),
    itemId: uuid('item_id').notNull(),
    countedQuantity: integer('counted_quantity').notNull(),
    expectedQuantity: bigint('expected_quantity', { mode: 'number' }),
    difference: bigint('difference', { mode: 'number' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.countId, table.itemId] }),
    check('stock_count_lines_counted_nonnegative', sql`${table.countedQuantity} >= 0`),
    foreignKey({
      name: 'stock_count_lines_count_fk',
      columns: [table.tenantId, table.countId],
      foreignColumns: [stockCounts.tenantId, stockCounts.id],
    }),
    foreignKey({
      name: 'stock_count_lines_item_fk',
      columns: [table.tenantId, table.itemId],
      foreignColumns: [inventoryItems.tenantId, inventoryItems.id],
    }),
  ],
);
