import { z } from 'zod';
import { paymentMethod, quantity, signedMoney, text, timestamp } from './contract-primitives';

export const refundBody = z
  .object({
    lines: z
      .array(z.object({ lineId: z.uuid(), quantity }).strict())
      .min(1)
      .max(500)
      .refine((lines) => new Set(lines.map((line) => line.lineId)).size === lines.length, 'a line twice')
      .optional()
      .meta({ description: 'Units per line to refund; without it, everything not yet refunded' }),
    method: paymentMethod
      .optional()
      .meta({ description: "Defaults to the ticket's payment method; cash when it was paid several ways" }),
    reason: text(500),
    restock: z.boolean().default(true).meta({ description: 'Whether the goods go back on the shelf' }),
    shiftId: z
      .uuid()
      .optional()
      .meta({ description: "Cash only: the open shift whose drawer pays out (default: the ticket's own)" }),
  })
  .strict();

export const refundLineSchema = z
  .object({
    lineId: z.uuid(),
    itemId: z.uuid(),
    quantity: z.number().int(),
    amount: signedMoney,
    tax: signedMoney,
  })
  .meta({ id: 'PosRefundLine' });

export const refundSchema = z
  .object({
    id: z.uuid(),
    ticketId: z.uuid(),
    shiftId: z.uuid().nullable().meta({ description: 'The shift whose drawer paid a cash refund' }),
    locationId: z.uuid(),
    method: paymentMethod,
    amount: signedMoney.meta({ description: 'Handed back, tax included' }),
    tax: signedMoney,
    reason: z.string(),
    restock: z.boolean(),
    createdBy: z.uuid().nullable(),
    createdAt: timestamp,
    lines: z.array(refundLineSchema),
  })
  .meta({ id: 'PosRefund' });
