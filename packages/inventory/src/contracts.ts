import { z } from 'zod';
import { movementTypes } from './schema';

/** Request and response shapes of /v1/inventory (the OpenAPI document is built from them). */

export const idParams = z.object({ id: z.uuid() });

const timestamp = z.date().meta({ type: 'string', format: 'date-time' });
const text = (max: number) => z.string().trim().min(1).max(max);
/** Whole units; the int4 columns hold these bounds with room for sums. */
export const quantity = z.number().int().min(-1_000_000_000).max(1_000_000_000);
export const positiveQuantity = z.number().int().min(1).max(1_000_000_000);
/** Minor units of the tenant's currency. */
export const money = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

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

// The cursor is opaque to clients: the last row's (lower(sku), id), base64url.
const itemCursor = z
  .string()
  .max(400)
  .transform((value, context) => {
    const [sku, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('\n');
    const parsedId = z.uuid().safeParse(id);
    if (rest.length > 0 || sku === undefined || !parsedId.success) {
      context.addIssue({ code: 'custom', message: 'not a cursor this API issued' });
      return z.NEVER;
    }
    return { sku, id: parsedId.data };
  })
  .meta({ type: 'string', description: 'pagination.next_cursor of the previous page' });

export const encodeItemCursor = (item: { sku: string; id: string }) =>
  Buffer.from(`${item.sku.toLowerCase()}\n${item.id}`).toString('base64url');

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
