import { z } from 'zod';
import { paymentMethod, signedMoney } from './contract-primitives';

export const dailyReportQuery = z
  .object({
    locationId: z.uuid(),
    date: z.iso
      .date()
      // Postgres and Date agree on years 1..9998 (the day after must exist too).
      .refine((day) => day >= '0001-01-01' && day <= '9998-12-31', 'a day between years 1 and 9998')
      .meta({ description: 'A UTC day, YYYY-MM-DD' }),
  })
  .strict();

const byMethod = z.object({ method: paymentMethod, amount: signedMoney, count: z.number().int() });

const salesFigures = {
  ticketCount: z.number().int().meta({ description: 'Settled tickets' }),
  grossSales: signedMoney.meta({ description: 'Sum of settled totals, tax included' }),
  byPaymentMethod: z.array(byMethod),
  byItem: z.array(
    z.object({
      itemId: z.uuid(),
      sku: z.string(),
      name: z.string(),
      quantity: z.number().int(),
      total: signedMoney,
    }),
  ),
  taxes: z.array(z.object({ taxRateBps: z.number().int(), tax: signedMoney })),
  discounts: z.object({ lineDiscounts: signedMoney, ticketDiscounts: signedMoney, total: signedMoney }),
  refunds: z.object({
    count: z.number().int(),
    amount: signedMoney,
    tax: signedMoney,
    byMethod: z.array(byMethod),
  }),
  voids: z.object({ count: z.number().int() }),
  netSales: signedMoney.meta({ description: 'Gross sales minus refunds' }),
};

export const shiftReportSchema = z
  .object({ shiftId: z.uuid(), locationId: z.uuid(), ...salesFigures })
  .meta({ id: 'PosShiftReport' });

export const dailyReportSchema = z
  .object({ locationId: z.uuid(), date: z.string(), ...salesFigures })
  .meta({ id: 'PosDailyReport' });
