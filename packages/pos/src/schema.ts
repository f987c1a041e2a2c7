import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/*
 * Money is integer minor units (bigint, read as a JS number: safe to 2^53).
 * Items, their prices and locations belong to inventory: POS keeps their ids
 * and copies what a ticket must remember (name, SKU, price, tax rate), so a
 * settled ticket never changes when an item does.
 */

const money = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

/** One row per tenant: POS settings. A missing row means the defaults. */
export const posSettings = pgTable('pos_settings', {
  tenantId: uuid('tenant_id').primaryKey(),
  currency: text('currency').notNull().default('USD'),
  /** Whether shelf prices include tax (gross) or have tax added at the till (net). */
  pricesIncludeTax: boolean('prices_include_tax').notNull().default(false),
  /** Tax rate per tax category, in basis points (2000 = 20 %). An unknown category is taxed at 0. */
  taxRates: jsonb('tax_rates').$type<Record<string, number>>().notNull().default({}),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const posRegisters = pgTable(
  'pos_registers',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    locationId: uuid('location_id').notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    uniqueIndex('pos_registers_name_key').on(table.tenantId, table.locationId, sql`lower(${table.name})`),
  ],
);

/** A cashier's session at a register; at most one open per register. */
export const posShifts = pgTable(
  'pos_shifts',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    registerId: uuid('register_id').notNull(),
    locationId: uuid('location_id').notNull(),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    openingFloat: money('opening_float').notNull(),
    openedBy: uuid('opened_by'),
    openedAt: at('opened_at').notNull().defaultNow(),
    closedBy: uuid('closed_by'),
    closedAt: at('closed_at'),
    countedCash: money('counted_cash'),
    expectedCash: money('expected_cash'),
    variance: money('variance'),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    uniqueIndex('pos_shifts_one_open_per_register')
      .on(table.tenantId, table.registerId)
      .where(sql`${table.status} = 'open'`),
    check('pos_shifts_float_nonnegative', sql`${table.openingFloat} >= 0`),
    foreignKey({
      name: 'pos_shifts_register_fk',
      columns: [table.tenantId, table.registerId],
      foreignColumns: [posRegisters.tenantId, posRegisters.id],
    }),
  ],
);

/**
 * A sale: open while lines and payments change, then settled (immutable,
 * numbered) or voided. Totals are stored as computed from the lines.
 */
export const posTickets = pgTable(
  'pos_tickets',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    shiftId: uuid('shift_id').notNull(),
    registerId: uuid('register_id').notNull(),
    locationId: uuid('location_id').notNull(),
    status: text('status', { enum: ['open', 'settled', 'voided'] })
      .notNull()
      .default('open'),
    currency: text('currency').notNull(),
    pricesIncludeTax: boolean('prices_include_tax').notNull(),
    /** A discount on the whole ticket, spread over the lines. */
    ticketDiscount: money('ticket_discount').notNull().default(0),
    subtotal: money('subtotal').notNull().default(0),
    discountTotal: money('discount_total').notNull().default(0),
    taxTotal: money('tax_total').notNull().default(0),
    total: money('total').notNull().default(0),
    /** Payments applied to the total (cash change excluded). */
    paid: money('paid').notNull().default(0),
    changeGiven: money('change_given').notNull().default(0),
    refundedTotal: money('refunded_total').notNull().default(0),
    receiptNumber: integer('receipt_number'),
    openedBy: uuid('opened_by'),
    settledBy: uuid('settled_by'),
    voidReason: text('void_reason'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    settledAt: at('settled_at'),
    voidedAt: at('voided_at'),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    unique('pos_tickets_receipt_number_key').on(table.tenantId, table.locationId, table.receiptNumber),
    index('pos_tickets_shift_idx').on(table.tenantId, table.shiftId),
    index('pos_tickets_settled_idx').on(table.tenantId, table.locationId, table.settledAt),
    check(
      'pos_tickets_settled_numbered',
      sql`(${table.status} = 'settled') = (${table.receiptNumber} is not null)`,
    ),
    foreignKey({
      name: 'pos_tickets_shift_fk',
      columns: [table.tenantId, table.shiftId],
      foreignColumns: [posShifts.tenantId, posShifts.id],
    }),
  ],
);

export const posTicketLines = pgTable(
  'pos_ticket_lines',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    position: integer('position').notNull(),
    itemId: uuid('item_id').notNull(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: money('unit_price').notNull(),
    priceOverridden: boolean('price_overridden').notNull().default(false),
    lineDiscount: money('line_discount').notNull().default(0),
    taxCategory: text('tax_category').notNull(),
    taxRateBps: integer('tax_rate_bps').notNull(),
    /** quantity x unit price, before discounts. */
    gross: money('gross').notNull().default(0),
    /** The line's share of the ticket discount. */
    ticketDiscountShare: money('ticket_discount_share').notNull().default(0),
    /** What the customer pays for the line (tax included). */
    total: money('total').notNull().default(0),
    tax: money('tax').notNull().default(0),
    refundedQuantity: integer('refunded_quantity').notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    index('pos_ticket_lines_ticket_idx').on(table.tenantId, table.ticketId, table.position),
    check('pos_ticket_lines_quantity_positive', sql`${table.quantity} > 0`),
    check(
      'pos_ticket_lines_refund_within_quantity',
      sql`${table.refundedQuantity} between 0 and ${table.quantity}`,
    ),
    foreignKey({
      name: 'pos_ticket_lines_ticket_fk',
      columns: [table.tenantId, table.ticketId],
      foreignColumns: [posTickets.tenantId, posTickets.id],
    }),
  ],
);

export const posPayments = pgTable(
  'pos_payments',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    method: text('method', { enum: ['cash', 'card'] }).notNull(),
    /** Applied to the ticket. */
    amount: money('amount').notNull(),
    /** Cash handed over; change = tendered - amount. Equal to amount for card. */
    tendered: money('tendered').notNull(),
    change: money('change').notNull().default(0),
    reference: text('reference'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    index('pos_payments_ticket_idx').on(table.tenantId, table.ticketId),
    check('pos_payments_amount_positive', sql`${table.amount} > 0`),
    check(
      'pos_payments_change',
      sql`${table.change} = ${table.tendered} - ${table.amount} and ${table.change} >= 0`,
    ),
    foreignKey({
      name: 'pos_payments_ticket_fk',
      columns: [table.tenantId, table.ticketId],
      foreignColumns: [posTickets.tenantId, posTickets.id],
    }),
  ],
);

/**
 * The last receipt number per location. Settling takes the row lock and
 * increments it in the settle transaction: a rolled-back settle gives its
 * number back, so numbers have no gaps and no duplicates.
 */
export const posReceiptSequences = pgTable(
  'pos_receipt_sequences',
  {
    tenantId: uuid('tenant_id').notNull(),
    locationId: uuid('location_id').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.tenantId, table.locationId] })],
);

export const posRefunds = pgTable(
  'pos_refunds',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    /** The open shift whose drawer paid a cash refund out; null for card. */
    shiftId: uuid('shift_id'),
    locationId: uuid('location_id').notNull(),
    method: text('method', { enum: ['cash', 'card'] }).notNull(),
    amount: money('amount').notNull(),
    tax: money('tax').notNull(),
    reason: text('reason').notNull(),
    /** Whether refunded goods go back on the shelf. */
    restock: boolean('restock').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.id] }),
    index('pos_refunds_ticket_idx').on(table.tenantId, table.ticketId),
    index('pos_refunds_shift_idx').on(table.tenantId, table.shiftId),
    check('pos_refunds_amount_positive', sql`${table.amount} > 0`),
    foreignKey({
      name: 'pos_refunds_ticket_fk',
      columns: [table.tenantId, table.ticketId],
      foreignColumns: [posTickets.tenantId, posTickets.id],
    }),
  ],
);

export const posRefundLines = pgTable(
  'pos_refund_lines',
  {
    tenantId: uuid('tenant_id').notNull(),
    refundId: uuid('refund_id').notNull(),
    lineId: uuid('line_id').notNull(),
    itemId: uuid('item_id').notNull(),
    quantity: integer('quantity').notNull(),
    amount: money('amount').notNull(),
    tax: money('tax').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.tenantId, table.refundId, table.lineId] }),
    check('pos_refund_lines_quantity_positive', sql`${table.quantity} > 0`),
    foreignKey({
      name: 'pos_refund_lines_refund_fk',
      columns: [table.tenantId, table.refundId],
      foreignColumns: [posRefunds.tenantId, posRefunds.id],
    }),
    foreignKey({
      name: 'pos_refund_lines_line_fk',
      columns: [table.tenantId, table.lineId],
      foreignColumns: [posTicketLines.tenantId, posTicketLines.id],
    }),
  ],
);
