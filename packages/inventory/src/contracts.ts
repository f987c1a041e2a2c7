import { z } from 'zod';
import { repeatedItems } from './document-lines';
import { movementTypes } from './schema';

/** Request and response shapes of /v1/inventory (the OpenAPI document is built from them). */

export const idParams = z.object({ id: z.uuid() });

const timestamp = z.date().meta({ type: 'string', format: 'date-time' });
const text = (max: number) => z.string().trim().min(1).max(max);
/** Whole units; the int4 columns hold these bounds with room for sums. */
export const quantity = z.number().int().min(-1_000_000_000).max(1_000_000_000);
export const positiveQuantity = z.number().int().min(1).max(1_000_000_000);
/** Minor units of the tenant's currency, at most 10^12 (as POS accepts). */
export const money = z.number().int().min(0).max(1_000_000_000_000);

export const locationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    code: z.string(),
    kind: z.enum(['store', 'warehouse']),
    active: z.boolean(),
    createdAt: timestamp,
  })
  .meta({ id: 'InventoryLocation' });

export const createLocationBody = z
  .object({
    name: text(200),
    code: text(40).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, - and _'),
    kind: z.enum(['store', 'warehouse']).default('store'),
  })
  .strict();

export const itemSchema = z
  .object({
    id: z.uuid(),
    sku: z.string(),
    name: z.string(),
    unit: z.string(),
    barcode: z.string().nullable(),
    price: z.number().int().meta({ description: 'Minor units' }),
    taxCategory: z.string(),
    reorderPoint: z.number().int(),
    status: z.enum(['active', 'archived']),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'InventoryItem' });

const itemFields = {
  sku: text(64),
  name: text(200),
  unit: text(20),
  barcode: text(64).nullable(),
  price: money,
  taxCategory: text(40).regex(/^[a-z0-9_-]+$/, 'lower-case letters, digits, - and _'),
  reorderPoint: z.number().int().min(0).max(1_000_000_000),
};

export const createItemBody = z
  .object({
    sku: itemFields.sku,
    name: itemFields.name,
    unit: itemFields.unit,
    price: itemFields.price,
    reorderPoint: itemFields.reorderPoint.default(0),
    barcode: itemFields.barcode.optional(),
    taxCategory: itemFields.taxCategory.default('standard'),
  })
  .strict();

export const updateItemBody = z
  .object({
    sku: itemFields.sku,
    name: itemFields.name,
    unit: itemFields.unit,
    price: itemFields.price,
    reorderPoint: itemFields.reorderPoint,
    barcode: itemFields.barcode,
    taxCategory: itemFields.taxCategory,
    status: z.enum(['active', 'archived']),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

// The cursor is opaque to clients: the last row's (sku_key = lower(sku), id), base64url.
const itemCursor = z
  .string()
  .max(400)
  .transform((value, context) => {
    const [sku, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('\n');
    const parsedId = z.uuid().safeParse(id);
    // A NUL byte is no SKU this API stored (and Postgres text cannot hold one).
    if (rest.length > 0 || sku === undefined || sku.includes('\0') || !parsedId.success) {
      context.addIssue({ code: 'custom', message: 'not a cursor this API issued' });
      return z.NEVER;
    }
    return { sku, id: parsedId.data };
  })
  .meta({ type: 'string', description: 'pagination.next_cursor of the previous page' });

export const encodeItemCursor = (item: { sortKey: string; id: string }) =>
  Buffer.from(`${item.sortKey}\n${item.id}`).toString('base64url');

export const listItemsQuery = z
  .object({
    search: text(100).optional().meta({ description: 'Matches SKU, name or barcode, case-insensitively' }),
    status: z.enum(['active', 'archived']).optional(),
    cursor: itemCursor.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const createMovementBody = z
  .object({
    type: z.enum(['receive', 'adjust']),
    itemId: z.uuid(),
    locationId: z.uuid(),
    quantity: quantity.refine((value) => value !== 0, 'must not be 0'),
    reason: text(500),
  })
  .strict()
  .refine((body) => body.type !== 'receive' || body.quantity > 0, {
    message: 'a receipt adds stock: quantity must be positive',
    path: ['quantity'],
  });

export const movementSchema = z
  .object({
    id: z.uuid(),
    type: z.enum(movementTypes),
    itemId: z.uuid(),
    locationId: z.uuid(),
    quantity: z.number().int(),
    reason: z.string(),
    onHand: z.number().int().meta({ description: 'The level after this movement' }),
    flaggedForReview: z.boolean(),
    createdAt: timestamp,
  })
  .meta({ id: 'StockMovement' });

export const stockLevelSchema = z
  .object({
    locationId: z.uuid(),
    locationName: z.string(),
    onHand: z.number().int(),
    inTransit: z.number().int().meta({ description: 'Shipped to this location, not yet received' }),
    reorderPoint: z.number().int(),
    low: z.boolean().meta({ description: 'At or below the reorder point' }),
  })
  .meta({ id: 'StockLevel' });

/*
 * Newest-first cursors (movements, alerts): the last row's (timestamp, id),
 * base64url. The ledger writes its timestamps from the app clock, which has
 * millisecond precision, so the ISO form round-trips exactly.
 */
const newestFirstCursor = z
  .string()
  .max(200)
  .transform((value, context) => {
    const [at, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('\n');
    const parsedAt = z.iso.datetime().safeParse(at);
    const parsedId = z.uuid().safeParse(id);
    const year = parsedAt.success ? new Date(parsedAt.data).getUTCFullYear() : 0;
    // Years outside 1..9999 are no timestamp this API wrote, and Postgres refuses some of them.
    if (rest.length > 0 || !parsedAt.success || !parsedId.success || year < 1 || year > 9999) {
      context.addIssue({ code: 'custom', message: 'not a cursor this API issued' });
      return z.NEVER;
    }
    return { at: new Date(parsedAt.data), id: parsedId.data };
  })
  .meta({ type: 'string', description: 'pagination.next_cursor of the previous page' });

export const encodeNewestFirstCursor = (row: { at: Date; id: string }) =>
  Buffer.from(`${row.at.toISOString()}\n${row.id}`).toString('base64url');

const pageLimit = z.coerce.number().int().min(1).max(200).default(50);

const eachItemOnce = {
  check: (body: { lines: readonly { itemId: string }[] }) => repeatedItems(body.lines).length === 0,
  params: { message: 'each item may appear once', path: ['lines'] },
};

// --- Transfers

const transferStatus = z.enum(['draft', 'shipped', 'partially_received', 'received', 'cancelled']);
const itemQuantityLine = z.object({ itemId: z.uuid(), quantity: positiveQuantity }).strict();

export const createTransferBody = z
  .object({
    fromLocationId: z.uuid(),
    toLocationId: z.uuid(),
    lines: z.array(itemQuantityLine).min(1).max(500),
    note: text(500).optional(),
  })
  .strict()
  .refine((body) => body.fromLocationId !== body.toLocationId, {
    message: 'a transfer moves stock between two different locations',
    path: ['toLocationId'],
  })
  .refine(eachItemOnce.check, eachItemOnce.params);

export const receiveTransferBody = z
  .object({ lines: z.array(itemQuantityLine).min(1).max(500) })
  .strict()
  .refine(eachItemOnce.check, eachItemOnce.params);

export const transferSchema = z
  .object({
    id: z.uuid(),
    fromLocationId: z.uuid(),
    toLocationId: z.uuid(),
    status: transferStatus,
    note: z.string().nullable(),
    createdBy: z.uuid().nullable(),
    createdAt: timestamp,
    shippedAt: timestamp.nullable(),
    receivedAt: timestamp.nullable(),
    lines: z.array(
      z.object({
        id: z.uuid(),
        itemId: z.uuid(),
        quantity: z.number().int(),
        shippedQuantity: z.number().int(),
        receivedQuantity: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'StockTransfer' });

// --- Counts

export const createCountBody = z.object({ locationId: z.uuid(), note: text(500).optional() }).strict();

export const countLinesBody = z
  .object({
    lines: z
      .array(
        z.object({ itemId: z.uuid(), countedQuantity: z.number().int().min(0).max(1_000_000_000) }).strict(),
      )
      .min(1)
      .max(1000),
  })
  .strict()
  .refine(eachItemOnce.check, eachItemOnce.params);

export const countSchema = z
  .object({
    id: z.uuid(),
    locationId: z.uuid(),
    status: z.enum(['open', 'finalized']),
    note: z.string().nullable(),
    createdBy: z.uuid().nullable(),
    createdAt: timestamp,
    finalizedAt: timestamp.nullable(),
    lines: z.array(
      z.object({
        itemId: z.uuid(),
        countedQuantity: z.number().int(),
        expectedQuantity: z.number().int().nullable().meta({ description: 'The level at finalize' }),
        difference: z.number().int().nullable().meta({ description: 'Counted - expected, at finalize' }),
        updatedAt: timestamp,
      }),
    ),
  })
  .meta({ id: 'StockCount' });

// --- Alerts

export const listAlertsQuery = z
  .object({
    status: z.enum(['open', 'cleared']).optional(),
    locationId: z.uuid().optional(),
    cursor: newestFirstCursor.optional(),
    limit: pageLimit,
  })
  .strict();

export const alertSchema = z
  .object({
    id: z.uuid(),
    itemId: z.uuid(),
    sku: z.string(),
    locationId: z.uuid(),
    status: z.enum(['open', 'cleared']),
    onHand: z.number().int().meta({ description: 'The level that crossed the reorder point' }),
    reorderPoint: z.number().int(),
    openedAt: timestamp,
    clearedAt: timestamp.nullable(),
  })
  .meta({ id: 'StockAlert' });

// --- Settings

export const settingsSchema = z.object({ allowNegativeStock: z.boolean() }).meta({ id: 'InventorySettings' });

export const updateSettingsBody = z.object({ allowNegativeStock: z.boolean() }).strict();

// --- Ledger check and movement history

export const ledgerCheckSchema = z
  .object({
    checkedLevels: z
      .number()
      .int()
      .meta({ description: 'Item and location pairs with a level or movements' }),
    drift: z.array(
      z.object({
        itemId: z.uuid(),
        locationId: z.uuid(),
        onHand: z
          .number()
          .int()
          .nullable()
          .meta({ description: 'The stored level; null when there is none' }),
        ledger: z.number().int().meta({ description: 'The sum of its movements' }),
      }),
    ),
  })
  .meta({ id: 'StockLedgerCheck' });

export const listMovementsQuery = z
  .object({
    itemId: z.uuid().optional(),
    locationId: z.uuid().optional(),
    cursor: newestFirstCursor.optional(),
    limit: pageLimit,
  })
  .strict();

export const movementHistorySchema = z
  .object({
    id: z.uuid(),
    itemId: z.uuid(),
    locationId: z.uuid(),
    type: z.enum(movementTypes),
    quantity: z.number().int(),
    reason: z.string(),
    actorType: z.string(),
    actorId: z.uuid().nullable(),
    sourceType: z.string().nullable(),
    sourceId: z.uuid().nullable(),
    flaggedForReview: z.boolean(),
    createdAt: timestamp,
  })
  .meta({ id: 'StockMovementRecord' });
