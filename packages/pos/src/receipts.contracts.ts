import { z } from 'zod';
import { paymentMethod, signedMoney, timestamp } from './contract-primitives';

const receiptLine = z.object({
  name: z.string(),
  sku: z.string(),
  quantity: z.number().int(),
  unitPrice: signedMoney,
  lineDiscount: signedMoney,
  total: signedMoney.meta({ description: 'What the customer pays for the line, tax included' }),
  taxRateBps: z.number().int(),
});

const receiptTax = z.object({
  taxRateBps: z.number().int(),
  taxable: signedMoney.meta({ description: 'Net amount taxed at this rate' }),
  tax: signedMoney,
});

const receiptPayment = z.object({
  method: paymentMethod,
  amount: signedMoney,
  tendered: signedMoney,
  change: signedMoney,
  reference: z.string().nullable(),
});

const receiptRefund = z.object({
  id: z.uuid(),
  createdAt: timestamp,
  method: paymentMethod,
  amount: signedMoney,
  tax: signedMoney,
  reason: z.string(),
  lines: z.array(
    z.object({ name: z.string(), sku: z.string(), quantity: z.number().int(), amount: signedMoney }),
  ),
});

export const receiptSchema = z
  .object({
    ticketId: z.uuid(),
    receiptNumber: z.number().int(),
    locationId: z.uuid(),
    locationName: z.string(),
    registerName: z.string(),
    settledAt: timestamp,
    currency: z.string(),
    pricesIncludeTax: z.boolean(),
    lines: z.array(receiptLine),
    subtotal: signedMoney,
    discountTotal: signedMoney,
    taxTotal: signedMoney,
    taxes: z.array(receiptTax).meta({ description: 'Tax per rate' }),
    total: signedMoney,
    payments: z.array(receiptPayment),
    changeGiven: signedMoney,
    refunds: z.array(receiptRefund),
  })
  .meta({ id: 'PosReceipt' });

export type ReceiptDocument = z.infer<typeof receiptSchema>;
