import { z } from 'zod';
import { money, quantity, signedMoney, text, timestamp } from './contract-primitives';

/** Request and response shapes of /v1/pos (the OpenAPI document is built from them). */

export { money } from './contract-primitives';
export * from './receipts.contracts';
export * from './refunds.contracts';
export * from './reports.contracts';

export const idParams = z.object({ id: z.uuid() });
export const lineParams = z.object({ id: z.uuid(), lineId: z.uuid() });

export const settingsSchema = z
  .object({
    currency: z.string(),
    pricesIncludeTax: z.boolean(),
    taxRates: z.record(z.string(), z.number().int()).meta({ description: 'Basis points per tax category' }),
  })
  .meta({ id: 'PosSettings' });

export const updateSettingsBody = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code'),
    pricesIncludeTax: z.boolean(),
    taxRates: z.record(z.string().regex(/^[a-z0-9_-]{1,40}$/), z.number().int().min(0).max(100_000)),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

export const registerSchema = z
  .object({ id: z.uuid(), locationId: z.uuid(), name: z.string(), active: z.boolean(), createdAt: timestamp })
  .meta({ id: 'PosRegister' });

export const createRegisterBody = z.object({ name: text(100), locationId: z.uuid() }).strict();
export const listRegistersQuery = z.object({ locationId: z.uuid().optional() }).strict();

export const shiftSchema = z
  .object({
    id: z.uuid(),
    registerId: z.uuid(),
    locationId: z.uuid(),
    status: z.enum(['open', 'closed']),
    openingFloat: signedMoney,
    openedBy: z.uuid().nullable(),
    openedAt: timestamp,
    closedBy: z.uuid().nullable(),
    closedAt: timestamp.nullable(),
    countedCash: signedMoney.nullable(),
    expectedCash: signedMoney.nullable(),
    variance: signedMoney.nullable().meta({ description: 'Counted minus expected; negative when short' }),
  })
  .meta({ id: 'PosShift' });

export const closedShiftSchema = shiftSchema
  .extend({ cashSales: signedMoney, cashRefunds: signedMoney })
  .meta({ id: 'PosClosedShift' });

export const openShiftBody = z.object({ registerId: z.uuid(), openingFloat: money }).strict();
export const closeShiftBody = z.object({ countedCash: money }).strict();

export const paymentSchema = z
  .object({
    id: z.uuid(),
    method: z.enum(['cash', 'card']),
    amount: signedMoney.meta({ description: 'Applied to the ticket' }),
    tendered: signedMoney,
    change: signedMoney,
    reference: z.string().nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'PosPayment' });

export const lineSchema = z
  .object({
    id: z.uuid(),
    itemId: z.uuid(),
    sku: z.string(),
    name: z.string(),
    quantity: z.number().int(),
    unitPrice: signedMoney,
    priceOverridden: z.boolean(),
    lineDiscount: signedMoney,
    ticketDiscountShare: signedMoney,
    taxCategory: z.string(),
    taxRateBps: z.number().int(),
    gross: signedMoney,
    tax: signedMoney,
    total: signedMoney,
    refundedQuantity: z.number().int(),
  })
  .meta({ id: 'PosTicketLine' });

export const ticketSchema = z
  .object({
    id: z.uuid(),
    shiftId: z.uuid(),
    registerId: z.uuid(),
    locationId: z.uuid(),
    status: z.enum(['open', 'settled', 'voided']),
    currency: z.string(),
    pricesIncludeTax: z.boolean(),
    ticketDiscount: signedMoney,
    subtotal: signedMoney,
    discountTotal: signedMoney,
    taxTotal: signedMoney,
    total: signedMoney,
    paid: signedMoney,
    due: signedMoney,
    changeGiven: signedMoney,
    refundedTotal: signedMoney,
    receiptNumber: z.number().int().nullable(),
    voidReason: z.string().nullable(),
    lines: z.array(lineSchema),
    payments: z.array(paymentSchema),
    createdAt: timestamp,
    settledAt: timestamp.nullable(),
    voidedAt: timestamp.nullable(),
  })
  .meta({ id: 'PosTicket' });

export const openTicketBody = z.object({ shiftId: z.uuid() }).strict();

export const addLineBody = z
  .object({
    itemId: z.uuid(),
    quantity,
    unitPrice: money.optional().meta({ description: "Overrides the item's price (pos.price.override)" }),
    lineDiscount: money.optional(),
  })
  .strict();

export const changeLineBody = z
  .object({ quantity, unitPrice: money, lineDiscount: money })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');

export const ticketDiscountBody = z.object({ ticketDiscount: money }).strict();

export const addPaymentBody = z
  .object({
    method: z.enum(['cash', 'card']),
    amount: money
      .refine((value) => value > 0, 'must be positive')
      .meta({
        description: 'Card: the amount charged. Cash: the amount handed over (change is given back)',
      }),
    reference: text(200).optional(),
  })
  .strict();

export const paymentResultSchema = z
  .object({ payment: paymentSchema, ticket: ticketSchema })
  .meta({ id: 'PosPaymentResult' });

export const voidTicketBody = z.object({ reason: text(500) }).strict();
