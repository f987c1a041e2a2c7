import { type AppError, isAppError } from '@tenantry/core';
import { describe, expect, it } from 'vitest';
import { applyPayment, priceTicket, refundShare, roundHalfEven, type TicketLineInput } from './pricing';

const errorOf = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError, nothing was thrown');
};

/** mulberry32: a tiny seeded PRNG, so generated cases are the same on every run. */
const seeded = (seed: number) => {
  let state = seed >>> 0;
  /** An integer in [0, max]. */
  return (max: number): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % (max + 1);
  };
};

const line = (unitPrice: number, overrides: Partial<TicketLineInput> = {}): TicketLineInput => ({
  quantity: 1,
  unitPrice,
  lineDiscount: 0,
  taxRateBps: 0,
  ...overrides,
});

describe('roundHalfEven', () => {
  it('rounds exact halves to the even neighbour', () => {
    expect(roundHalfEven(5n, 2n)).toBe(2n);
    expect(roundHalfEven(7n, 2n)).toBe(4n);
    expect(roundHalfEven(1n, 2n)).toBe(0n);
    expect(roundHalfEven(3n, 2n)).toBe(2n);
  });

  it('rounds negative halves to the even neighbour too', () => {
    expect(roundHalfEven(-5n, 2n)).toBe(-2n);
    expect(roundHalfEven(-7n, 2n)).toBe(-4n);
    expect(roundHalfEven(-1n, 2n)).toBe(0n);
  });

  it('rounds everything else to the nearest integer', () => {
    expect(roundHalfEven(10n, 3n)).toBe(3n);
    expect(roundHalfEven(11n, 3n)).toBe(4n);
    expect(roundHalfEven(-10n, 3n)).toBe(-3n);
    expect(roundHalfEven(-11n, 3n)).toBe(-4n);
    expect(roundHalfEven(6n, 3n)).toBe(2n);
  });

  it('accepts a negative denominator', () => {
    expect(roundHalfEven(5n, -2n)).toBe(-2n);
    expect(roundHalfEven(-11n, -3n)).toBe(4n);
  });

  it('stays exact beyond the safe-integer range', () => {
    expect(roundHalfEven(2n ** 60n + 1n, 2n)).toBe(2n ** 59n);
    expect(roundHalfEven(2n ** 60n + 3n, 2n)).toBe(2n ** 59n + 2n);
  });

  it('refuses a zero denominator', () => {
    expect(() => roundHalfEven(1n, 0n)).toThrow(RangeError);
  });
});

describe('priceTicket', () => {
  it('adds tax on top of tax-exclusive prices', () => {
    const ticket = priceTicket({
      pricesIncludeTax: false,
      ticketDiscount: 0,
      lines: [line(333, { quantity: 3, taxRateBps: 2000 })],
    });
    // 999 x 20 % = 199.8
    expect(ticket.lines).toEqual([
      { gross: 999, lineDiscount: 0, ticketDiscountShare: 0, net: 999, tax: 200, total: 1199 },
    ]);
    expect(ticket).toMatchObject({ subtotal: 999, discountTotal: 0, taxTotal: 200, total: 1199 });
  });

  it('backs the tax out of tax-inclusive prices', () => {
    const ticket = priceTicket({
      pricesIncludeTax: true,
      ticketDiscount: 0,
      lines: [line(1000, { taxRateBps: 2000 })],
    });
    // 1000 / 1.2 = 833.33
    expect(ticket.lines).toEqual([
      { gross: 1000, lineDiscount: 0, ticketDiscountShare: 0, net: 833, tax: 167, total: 1000 },
    ]);
    expect(ticket).toMatchObject({ subtotal: 1000, discountTotal: 0, taxTotal: 167, total: 1000 });
  });

  it('rounds exclusive tax half-even per line', () => {
    const ticket = priceTicket({
      pricesIncludeTax: false,
      ticketDiscount: 0,
      lines: [line(25, { taxRateBps: 1000 }), line(35, { taxRateBps: 1000 }), line(15, { taxRateBps: 1000 })],
    });
    // 2.5 -> 2, 3.5 -> 4, 1.5 -> 2
    expect(ticket.lines.map((l) => l.tax)).toEqual([2, 4, 2]);
    expect(ticket.taxTotal).toBe(8);
  });

  it('rounds inclusive net half-even per line', () => {
    const ticket = priceTicket({
      pricesIncludeTax: true,
      ticketDiscount: 0,
      lines: [line(5, { taxRateBps: 10_000 }), line(7, { taxRateBps: 10_000 })],
    });
    // 5 / 2 = 2.5 -> 2, 7 / 2 = 3.5 -> 4
    expect(ticket.lines.map((l) => [l.net, l.tax])).toEqual([
      [2, 3],
      [4, 3],
    ]);
  });

  it('taxes each line, not the ticket sum', () => {
    const ticket = priceTicket({
      pricesIncludeTax: false,
      ticketDiscount: 0,
      lines: [line(25, { taxRateBps: 1000 }), line(25, { taxRateBps: 1000 })],
    });
    // Taxing the 50 sum would give 5; per line it is 2 + 2.
    expect(ticket.taxTotal).toBe(4);
    expect(ticket.total).toBe(54);
  });

  it('prices a mixed ticket with line and ticket discounts', () => {
    const lines = [
      line(450, { quantity: 2, taxRateBps: 2000 }),
      line(300, { lineDiscount: 50, taxRateBps: 2000 }),
      line(100, { quantity: 3, taxRateBps: 500 }),
    ];
    // Weights 900, 250, 300 share 100: 62.07, 17.24, 20.69; the leftover unit goes to the third line.
    expect(priceTicket({ pricesIncludeTax: false, ticketDiscount: 100, lines })).toEqual({
      lines: [
        { gross: 900, lineDiscount: 0, ticketDiscountShare: 62, net: 838, tax: 168, total: 1006 },
        { gross: 300, lineDiscount: 50, ticketDiscountShare: 17, net: 233, tax: 47, total: 280 },
        { gross: 300, lineDiscount: 0, ticketDiscountShare: 21, net: 279, tax: 14, total: 293 },
      ],
      subtotal: 1500,
      discountTotal: 150,
      taxTotal: 229,
      total: 1579,
    });
    expect(priceTicket({ pricesIncludeTax: true, ticketDiscount: 100, lines })).toMatchObject({
      lines: [
        { net: 698, tax: 140, total: 838 },
        { net: 194, tax: 39, total: 233 },
        { net: 266, tax: 13, total: 279 },
      ],
      taxTotal: 192,
      total: 1350,
    });
  });

  it('prices an empty ticket at zero', () => {
    expect(priceTicket({ pricesIncludeTax: false, ticketDiscount: 0, lines: [] })).toEqual({
      lines: [],
      subtotal: 0,
      discountTotal: 0,
      taxTotal: 0,
      total: 0,
    });
  });

  describe('ticket discount spread', () => {
    const shares = (ticketDiscount: number, lines: TicketLineInput[]) =>
      priceTicket({ pricesIncludeTax: false, ticketDiscount, lines }).lines.map((l) => l.ticketDiscountShare);

    it('gives the leftover unit to the earlier line on equal remainders', () => {
      expect(shares(100, [line(100), line(100), line(100)])).toEqual([34, 33, 33]);
      expect(shares(1, [line(7), line(7)])).toEqual([1, 0]);
    });

    it('gives leftover units to the largest remainders', () => {
      // 50, 33.33, 16.67
      expect(shares(100, [line(300), line(200), line(100)])).toEqual([50, 33, 17]);
    });

    it('weighs lines by gross less their own discount', () => {
      // Both lines weigh 100 once line 1's discount is taken off; by gross it would be 33 / 17.
      expect(shares(50, [line(200, { lineDiscount: 100 }), line(100)])).toEqual([25, 25]);
    });

    it('gives nothing to zero-amount lines', () => {
      expect(shares(10, [line(0), line(100), line(50, { lineDiscount: 50 })])).toEqual([0, 10, 0]);
      expect(shares(0, [line(0), line(0)])).toEqual([0, 0]);
    });

    it('may take every line down to zero', () => {
      const ticket = priceTicket({
        pricesIncludeTax: false,
        ticketDiscount: 110,
        lines: [line(100, { lineDiscount: 40, taxRateBps: 2000 }), line(50, { taxRateBps: 2000 })],
      });
      expect(ticket.lines.map((l) => [l.ticketDiscountShare, l.total])).toEqual([
        [60, 0],
        [50, 0],
      ]);
      expect(ticket).toMatchObject({ discountTotal: 150, total: 0 });
    });
  });

  it('keeps its invariants over generated tickets', () => {
    const random = seeded(20240611);
    const rates = [0, 500, 700, 1000, 1234, 2000, 2100, 10_000];
    for (let run = 0; run < 500; run += 1) {
      const lines = Array.from({ length: random(6) }, () => {
        const quantity = 1 + random(9);
        const unitPrice = random(3) === 0 ? random(9) : random(100_000);
        const lineDiscount = random(2) === 0 ? random(quantity * unitPrice) : 0;
        return { quantity, unitPrice, lineDiscount, taxRateBps: rates[random(rates.length - 1)] ?? 0 };
      });
      const weights = lines.map((l) => BigInt(l.quantity * l.unitPrice - l.lineDiscount));
      const discountable = weights.reduce((a, b) => a + b, 0n);
      const ticketDiscount = random(Number(discountable));
      const pricesIncludeTax = random(1) === 1;
      const ticket = priceTicket({ pricesIncludeTax, ticketDiscount, lines });
      const context = JSON.stringify({ pricesIncludeTax, ticketDiscount, lines });

      if (pricesIncludeTax) {
        expect(ticket.total, context).toBe(ticket.subtotal - ticket.discountTotal);
      } else {
        expect(ticket.total, context).toBe(ticket.subtotal - ticket.discountTotal + ticket.taxTotal);
      }
      const total = (pick: (l: (typeof ticket.lines)[number]) => number) =>
        ticket.lines.reduce((acc, l) => acc + pick(l), 0);
      expect(
        total((l) => l.ticketDiscountShare),
        context,
      ).toBe(ticketDiscount);
      expect(
        total((l) => l.tax),
        context,
      ).toBe(ticket.taxTotal);
      expect(
        total((l) => l.gross),
        context,
      ).toBe(ticket.subtotal);
      expect(ticket.discountTotal, context).toBe(total((l) => l.lineDiscount) + ticketDiscount);

      ticket.lines.forEach((priced, i) => {
        const input = lines[i];
        const weight = weights[i];
        if (input === undefined || weight === undefined) throw new Error('line count changed');
        const amount = BigInt(priced.gross - priced.lineDiscount - priced.ticketDiscountShare);
        const rate = BigInt(input.taxRateBps);
        expect(priced.gross, context).toBe(input.quantity * input.unitPrice);
        expect(priced.net + priced.tax, context).toBe(priced.total);
        // The share is its exact proportion rounded down or up: |share - D x w / W| < 1.
        const error = BigInt(priced.ticketDiscountShare) * discountable - BigInt(ticketDiscount) * weight;
        const within =
          discountable === 0n
            ? priced.ticketDiscountShare === 0
            : error < discountable && -error < discountable;
        expect(within, context).toBe(true);
        // Tax and net are within half a unit of the exact rational.
        if (pricesIncludeTax) {
          expect(BigInt(priced.total), context).toBe(amount);
          const off = 2n * (BigInt(priced.net) * (10_000n + rate) - amount * 10_000n);
          expect(off <= 10_000n + rate && -off <= 10_000n + rate, context).toBe(true);
        } else {
          expect(BigInt(priced.net), context).toBe(amount);
          const off = 2n * (BigInt(priced.tax) * 10_000n - amount * rate);
          expect(off <= 10_000n && -off <= 10_000n, context).toBe(true);
        }
      });
    }
  });

  describe('errors', () => {
    it('refuses a line discount above the line gross', () => {
      const error = errorOf(() =>
        priceTicket({
          pricesIncludeTax: false,
          ticketDiscount: 0,
          lines: [line(50, { quantity: 2, lineDiscount: 101 })],
        }),
      );
      expect(error).toMatchObject({
        kind: 'VALIDATION',
        code: 'DISCOUNT_TOO_LARGE',
        status: 422,
        details: { field: 'lines[0].lineDiscount', lineDiscount: 101, gross: 100 },
      });
    });

    it('refuses a negative line discount as malformed', () => {
      const error = errorOf(() =>
        priceTicket({ pricesIncludeTax: false, ticketDiscount: 0, lines: [line(50, { lineDiscount: -1 })] }),
      );
      expect(error).toMatchObject({
        code: 'VALIDATION',
        status: 400,
        details: { field: 'lines[0].lineDiscount' },
      });
    });

    it('refuses a ticket discount above what the lines leave', () => {
      const lines = [line(100, { lineDiscount: 30 }), line(50)];
      expect(() => priceTicket({ pricesIncludeTax: false, ticketDiscount: 120, lines })).not.toThrow();
      const error = errorOf(() => priceTicket({ pricesIncludeTax: false, ticketDiscount: 121, lines }));
      expect(error).toMatchObject({
        code: 'DISCOUNT_TOO_LARGE',
        status: 422,
        details: { field: 'ticketDiscount', ticketDiscount: 121, discountable: 120 },
      });
    });

    it('refuses any ticket discount on a ticket without lines', () => {
      const error = errorOf(() => priceTicket({ pricesIncludeTax: false, ticketDiscount: 1, lines: [] }));
      expect(error).toMatchObject({ code: 'DISCOUNT_TOO_LARGE', status: 422 });
    });

    it('refuses a negative ticket discount as malformed', () => {
      const error = errorOf(() =>
        priceTicket({ pricesIncludeTax: false, ticketDiscount: -5, lines: [line(100)] }),
      );
      expect(error).toMatchObject({ code: 'VALIDATION', status: 400, details: { field: 'ticketDiscount' } });
    });

    it('refuses fractional amounts, zero quantities and negative rates', () => {
      const cases: [TicketLineInput, string][] = [
        [line(10.5), 'lines[0].unitPrice'],
        [line(10, { quantity: 0 }), 'lines[0].quantity'],
        [line(10, { quantity: 1.5 }), 'lines[0].quantity'],
        [line(10, { taxRateBps: -1 }), 'lines[0].taxRateBps'],
      ];
      for (const [input, field] of cases) {
        const error = errorOf(() =>
          priceTicket({ pricesIncludeTax: false, ticketDiscount: 0, lines: [input] }),
        );
        expect(error, field).toMatchObject({ code: 'VALIDATION', status: 400, details: { field } });
      }
    });

    it('refuses a gross beyond the safe-integer range', () => {
      const error = errorOf(() =>
        priceTicket({
          pricesIncludeTax: false,
          ticketDiscount: 0,
          lines: [line(Number.MAX_SAFE_INTEGER, { quantity: 2 })],
        }),
      );
      expect(error).toMatchObject({ code: 'VALIDATION', details: { field: 'lines[0].gross' } });
    });
  });
});

describe('refundShare', () => {
  const sold = { lineTotal: 1000, lineTax: 167, lineQuantity: 3 };
  const none = { alreadyRefundedQuantity: 0, alreadyRefundedAmount: 0, alreadyRefundedTax: 0 };

  /** Refunds a line in the given parts, feeding each result into the next call. */
  const refundInParts = (line: typeof sold, parts: number[]) => {
    const done = { ...none };
    return parts.map((quantity) => {
      const part = refundShare({ ...line, ...done, quantity });
      done.alreadyRefundedQuantity += quantity;
      done.alreadyRefundedAmount += part.amount;
      done.alreadyRefundedTax += part.tax;
      return part;
    });
  };

  it('refunds a proportional share of total and tax', () => {
    // 1000 / 3 = 333.33, 167 / 3 = 55.67
    expect(refundShare({ ...sold, ...none, quantity: 1 })).toEqual({ amount: 333, tax: 56 });
    // 2000 / 3 = 666.67, 334 / 3 = 111.33
    expect(refundShare({ ...sold, ...none, quantity: 2 })).toEqual({ amount: 667, tax: 111 });
  });

  it('rounds the share half-even', () => {
    expect(refundShare({ lineTotal: 5, lineTax: 1, lineQuantity: 2, ...none, quantity: 1 })).toEqual({
      amount: 2,
      tax: 0,
    });
    expect(refundShare({ lineTotal: 7, lineTax: 3, lineQuantity: 2, ...none, quantity: 1 })).toEqual({
      amount: 4,
      tax: 2,
    });
  });

  it('returns the exact remainder on the part that completes the line', () => {
    expect(refundInParts(sold, [1, 1, 1])).toEqual([
      { amount: 333, tax: 56 },
      { amount: 333, tax: 56 },
      { amount: 334, tax: 55 },
    ]);
    expect(refundInParts(sold, [2, 1])).toEqual([
      { amount: 667, tax: 111 },
      { amount: 333, tax: 56 },
    ]);
    expect(refundInParts(sold, [3])).toEqual([{ amount: 1000, tax: 167 }]);
  });

  it('never refunds more than is left when shares round up', () => {
    // 5 / 8 = 0.625 rounds to 1 per unit; unclamped the last part would be -2.
    const parts = refundInParts({ lineTotal: 5, lineTax: 1, lineQuantity: 8 }, [1, 1, 1, 1, 1, 1, 1, 1]);
    expect(parts.map((p) => p.amount)).toEqual([1, 1, 1, 1, 1, 0, 0, 0]);
    expect(parts.map((p) => p.tax)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('sums partial refunds exactly to the line over generated lines', () => {
    const random = seeded(7);
    for (let run = 0; run < 300; run += 1) {
      const lineQuantity = 1 + random(11);
      const lineTotal = random(3) === 0 ? random(20) : random(500_000);
      const line = { lineTotal, lineTax: random(lineTotal), lineQuantity };
      const parts: number[] = [];
      for (let left = lineQuantity; left > 0; ) {
        const quantity = 1 + random(left - 1);
        parts.push(quantity);
        left -= quantity;
      }
      const refunds = refundInParts(line, parts);
      const context = JSON.stringify({ line, parts });
      expect(
        refunds.reduce((acc, r) => acc + r.amount, 0),
        context,
      ).toBe(line.lineTotal);
      expect(
        refunds.reduce((acc, r) => acc + r.tax, 0),
        context,
      ).toBe(line.lineTax);
      expect(
        refunds.every((r) => r.amount >= 0 && r.tax >= 0),
        context,
      ).toBe(true);
    }
  });

  describe('errors', () => {
    it('refuses more units than remain unrefunded', () => {
      const refunded = { alreadyRefundedQuantity: 2, alreadyRefundedAmount: 667, alreadyRefundedTax: 111 };
      expect(() => refundShare({ ...sold, ...refunded, quantity: 1 })).not.toThrow();
      const error = errorOf(() => refundShare({ ...sold, ...refunded, quantity: 2 }));
      expect(error).toMatchObject({
        code: 'REFUND_EXCEEDS_SOLD',
        status: 422,
        details: { field: 'quantity', quantity: 2, refundable: 1 },
      });
    });

    it('refuses a fully refunded line', () => {
      const refunded = { alreadyRefundedQuantity: 3, alreadyRefundedAmount: 1000, alreadyRefundedTax: 167 };
      const error = errorOf(() => refundShare({ ...sold, ...refunded, quantity: 1 }));
      expect(error).toMatchObject({ code: 'REFUND_EXCEEDS_SOLD', status: 422 });
    });

    it('refuses a quantity below one as malformed', () => {
      for (const quantity of [0, -1, 0.5]) {
        const error = errorOf(() => refundShare({ ...sold, ...none, quantity }));
        expect(error, String(quantity)).toMatchObject({ code: 'VALIDATION', status: 400 });
      }
    });

    it('refuses an already-refunded amount above the line total', () => {
      const error = errorOf(() =>
        refundShare({
          ...sold,
          ...none,
          alreadyRefundedQuantity: 1,
          alreadyRefundedAmount: 1001,
          quantity: 1,
        }),
      );
      expect(error).toMatchObject({ code: 'VALIDATION', details: { field: 'alreadyRefundedAmount' } });
    });
  });
});

describe('applyPayment', () => {
  it('gives change on cash above the amount due', () => {
    expect(applyPayment({ due: 1580, method: 'cash', tendered: 2000 })).toEqual({
      amount: 1580,
      change: 420,
    });
  });

  it('takes cash below the amount due as a part payment', () => {
    expect(applyPayment({ due: 1580, method: 'cash', tendered: 1000 })).toEqual({ amount: 1000, change: 0 });
    expect(applyPayment({ due: 1580, method: 'cash', tendered: 1580 })).toEqual({ amount: 1580, change: 0 });
  });

  it('charges a card exactly what is tendered', () => {
    expect(applyPayment({ due: 1580, method: 'card', tendered: 1580 })).toEqual({ amount: 1580, change: 0 });
    expect(applyPayment({ due: 1580, method: 'card', tendered: 500 })).toEqual({ amount: 500, change: 0 });
  });

  describe('errors', () => {
    it('refuses a card payment above the amount due', () => {
      const error = errorOf(() => applyPayment({ due: 1580, method: 'card', tendered: 1581 }));
      expect(error).toMatchObject({
        code: 'OVERPAYMENT',
        status: 422,
        details: { tendered: 1581, due: 1580 },
      });
    });

    it('refuses a payment when nothing remains due', () => {
      for (const due of [0, -10]) {
        const error = errorOf(() => applyPayment({ due, method: 'cash', tendered: 100 }));
        expect(error, String(due)).toMatchObject({ code: 'ALREADY_PAID', status: 422 });
      }
    });

    it('refuses a tender that is not a positive safe integer', () => {
      for (const tendered of [0, -100, 10.5, Number.MAX_SAFE_INTEGER + 1]) {
        const error = errorOf(() => applyPayment({ due: 1580, method: 'cash', tendered }));
        expect(error, String(tendered)).toMatchObject({ code: 'VALIDATION', status: 400 });
      }
    });
  });
});
