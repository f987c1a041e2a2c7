import { z } from 'zod';

/** Building blocks shared by POS's request and response schemas. */

export const timestamp = z.date().meta({ type: 'string', format: 'date-time' });
export const text = (max: number) => z.string().trim().min(1).max(max);
/**
 * The largest amount one input may carry: 10^12 minor units (ten billion in
 * a two-decimal currency). It keeps every sum the till makes (change given,
 * expected cash, report totals) far inside JavaScript's safe integers.
 */
export const maxMoney = 1_000_000_000_000;

/** Minor units of the tenant's currency. */
export const money = z.number().int().min(0).max(maxMoney).meta({ description: 'Minor units' });
export const signedMoney = z.number().int().meta({ description: 'Minor units' });
export const quantity = z.number().int().min(1).max(1_000_000);
export const paymentMethod = z.enum(['cash', 'card']);
