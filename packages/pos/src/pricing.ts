import { validationError } from '@tenantry/core';

/**
 * Money math for the point of sale. Amounts are integer minor units (safe-integer numbers);
 * products and divisions run in BigInt so no step ever goes through floating point.
 */

const codes = {
  DISCOUNT_TOO_LARGE: 'DISCOUNT_TOO_LARGE',
  REFUND_EXCEEDS_SOLD: 'REFUND_EXCEEDS_SOLD',
  OVERPAYMENT: 'OVERPAYMENT',
  ALREADY_PAID: 'ALREADY_PAID',
} as const;

const BPS = 10_000n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export interface TicketLineInput {
  quantity: number;
  unitPrice: number;
  lineDiscount: number;
  taxRateBps: number;
}

export interface TicketInput {
  pricesIncludeTax: boolean;
  ticketDiscount: number;
  lines: readonly TicketLineInput[];
}

export interface PricedLine {
  gross: number;
  lineDiscount: number;
  ticketDiscountShare: number;
  net: number;
  tax: number;
  total: number;
}

export interface PricedTicket {
  lines: PricedLine[];
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
}

export interface RefundInput {
  lineTotal: number;
  lineTax: number;
  lineQuantity: number;
  alreadyRefundedQuantity: number;
  alreadyRefundedAmount: number;
  alreadyRefundedTax: number;
  quantity: number;
}

export interface PaymentInput {
  due: number;
  method: 'cash' | 'card';
  tendered: number;
}

/** Malformed input (400): not a safe integer, or below `min`. */
function safeInt(value: number, field: string, min?: number): number {
  if (!Number.isSafeInteger(value)) {
    throw validationError(`${field} must be a safe integer`, { details: { field, value } });
  }
  if (min !== undefined && value < min) {
    throw validationError(`${field} must be at least ${min}`, { details: { field, value, min } });
  }
  return value;
}

/** Back from BigInt; a result outside the safe range would silently lose precision as a number. */
function toNumber(value: bigint, field: string): number {
  if (value > MAX_SAFE || value < -MAX_SAFE) {
    throw validationError(`${field} is beyond the safe integer range`, { details: { field } });
  }
  return Number(value);
}

/** A business-rule violation: well-formed input the rules refuse (422). */
function ruleError(code: string, message: string, details: Record<string, unknown>) {
  return validationError(message, { status: 422, code, details });
}

const sum = (values: readonly bigint[]): bigint => values.reduce((a, b) => a + b, 0n);

/** Rounds numerator / denominator to the nearest integer; exact halves go to the even neighbour. */
export function roundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('roundHalfEven: denominator is zero');
  // A positive denominator lets one floor-based path serve every sign.
  const n = denominator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  // BigInt division truncates toward zero; step down for negatives to get the floor.
  const floor = n / d - (n % d < 0n ? 1n : 0n);
  const twiceRemainder = 2n * (n - floor * d);
  if (twiceRemainder < d) return floor;
  if (twiceRemainder > d) return floor + 1n;
  return floor % 2n === 0n ? floor : floor + 1n;
}

/**
 * Splits `total` over items in proportion to their weights by the largest-remainder method, so the
 * shares sum to `total` exactly. The caller guarantees 0 <= total <= sum of weights.
 */
function spread<T extends { weight: bigint }>(total: bigint, items: readonly T[]): (T & { share: bigint })[] {
  const weights = sum(items.map((item) => item.weight));
  if (weights === 0n) return items.map((item) => ({ ...item, share: 0n }));
  const parts = items.map((item, index) => ({
    item,
    index,
    floor: (total * item.weight) / weights,
    remainder: (total * item.weight) % weights,
  }));
  const leftover = Number(total - sum(parts.map((part) => part.floor))); // fewer than items.length
  // Stable sort: on equal remainders the earlier line keeps its place and gets the unit first.
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1,
  );
  const bumped = new Set(byRemainder.slice(0, leftover).map((part) => part.index));
  return parts.map(({ item, index, floor }) => ({ ...item, share: floor + (bumped.has(index) ? 1n : 0n) }));
}

/**
 * Prices a ticket: line discounts, the ticket discount spread over the lines, then tax per line
 * (inclusive or exclusive), rounding half-even. Line figures add up exactly to the ticket figures.
 */
export function priceTicket(input: TicketInput): PricedTicket {
  const lines = input.lines.map((line, i) => {
    const at = `lines[${i}]`;
    const quantity = BigInt(safeInt(line.quantity, `${at}.quantity`, 1));
    const unitPrice = BigInt(safeInt(line.unitPrice, `${at}.unitPrice`, 0));
    const gross = toNumber(quantity * unitPrice, `${at}.gross`);
    const lineDiscount = safeInt(line.lineDiscount, `${at}.lineDiscount`, 0);
    if (lineDiscount > gross) {
      throw ruleError(codes.DISCOUNT_TOO_LARGE, 'A line discount cannot exceed the line gross', {
        field: `${at}.lineDiscount`,
        lineDiscount,
        gross,
      });
    }
    const rate = BigInt(safeInt(line.taxRateBps, `${at}.taxRateBps`, 0));
    return {
      gross: BigInt(gross),
      lineDiscount: BigInt(lineDiscount),
      rate,
      weight: BigInt(gross - lineDiscount),
    };
  });

  const ticketDiscount = BigInt(safeInt(input.ticketDiscount, 'ticketDiscount', 0));
  const discountable = sum(lines.map((line) => line.weight));
  if (ticketDiscount > discountable) {
    throw ruleError(codes.DISCOUNT_TOO_LARGE, 'The ticket discount cannot exceed the discounted lines', {
      field: 'ticketDiscount',
      ticketDiscount: input.ticketDiscount,
      discountable: toNumber(discountable, 'discountable'),
    });
  }

  const priced = spread(ticketDiscount, lines).map((line) => {
    const amount = line.weight - line.share;
    // Inclusive prices already hold the tax, so net is backed out; exclusive prices add it on top.
    const net = input.pricesIncludeTax ? roundHalfEven(amount * BPS, BPS + line.rate) : amount;
    const tax = input.pricesIncludeTax ? amount - net : roundHalfEven(amount * line.rate, BPS);
    return { ...line, net, tax, total: net + tax };
  });

  return {
    lines: priced.map((line, i) => ({
      gross: toNumber(line.gross, `lines[${i}].gross`),
      lineDiscount: toNumber(line.lineDiscount, `lines[${i}].lineDiscount`),
      ticketDiscountShare: toNumber(line.share, `lines[${i}].ticketDiscountShare`),
      net: toNumber(line.net, `lines[${i}].net`),
      tax: toNumber(line.tax, `lines[${i}].tax`),
      total: toNumber(line.total, `lines[${i}].total`),
    })),
    subtotal: toNumber(sum(priced.map((line) => line.gross)), 'subtotal'),
    discountTotal: toNumber(sum(priced.map((line) => line.lineDiscount)) + ticketDiscount, 'discountTotal'),
    taxTotal: toNumber(sum(priced.map((line) => line.tax)), 'taxTotal'),
    total: toNumber(sum(priced.map((line) => line.total)), 'total'),
  };
}

/**
 * What refunding `quantity` units of a settled line returns: its proportional share of the line's
 * total and tax, except that the part which completes the line returns exactly what is left.
 */
export function refundShare(input: RefundInput): { amount: number; tax: number } {
  const lineQuantity = BigInt(safeInt(input.lineQuantity, 'lineQuantity', 1));
  const refundedQuantity = BigInt(safeInt(input.alreadyRefundedQuantity, 'alreadyRefundedQuantity', 0));
  const quantity = BigInt(safeInt(input.quantity, 'quantity', 1));
  const refundable = lineQuantity - refundedQuantity;
  if (quantity > refundable) {
    throw ruleError(codes.REFUND_EXCEEDS_SOLD, 'Cannot refund more units than remain unrefunded', {
      field: 'quantity',
      quantity: input.quantity,
      refundable: toNumber(refundable, 'refundable'),
    });
  }

  const part = (whole: number, wholeField: string, done: number, doneField: string): number => {
    const left = BigInt(safeInt(whole, wholeField, 0)) - BigInt(safeInt(done, doneField, 0));
    if (left < 0n) {
      throw validationError(`${doneField} exceeds ${wholeField}`, {
        details: { field: doneField, done, whole },
      });
    }
    // The completing part takes the remainder, so the parts add up to the line exactly.
    if (quantity === refundable) return toNumber(left, wholeField);
    // Earlier parts rounded up could outrun the line; never hand back more than is left.
    const share = roundHalfEven(BigInt(whole) * quantity, lineQuantity);
    return toNumber(share < left ? share : left, wholeField);
  };

  return {
    amount: part(input.lineTotal, 'lineTotal', input.alreadyRefundedAmount, 'alreadyRefundedAmount'),
    tax: part(input.lineTax, 'lineTax', input.alreadyRefundedTax, 'alreadyRefundedTax'),
  };
}

/**
 * Applies one tender against what remains `due`. Cash may exceed it and gets change back;
 * a card is charged exactly the tendered amount, so it may not exceed what is due.
 */
export function applyPayment(input: PaymentInput): { amount: number; change: number } {
  const due = safeInt(input.due, 'due');
  if (due <= 0) throw ruleError(codes.ALREADY_PAID, 'Nothing remains to pay', { field: 'due', due });
  const tendered = safeInt(input.tendered, 'tendered', 1);
  if (input.method === 'card') {
    if (tendered > due) {
      throw ruleError(codes.OVERPAYMENT, 'A card payment cannot exceed the amount due', {
        field: 'tendered',
        tendered,
        due,
      });
    }
    return { amount: tendered, change: 0 };
  }
  // Differences of non-negative safe integers are exact; no BigInt needed here.
  const amount = Math.min(tendered, due);
  return { amount, change: tendered - amount };
}
