import { type AppError, isAppError } from '@tenantry/core';
import { describe, expect, it } from 'vitest';
import { defaultRefundMethod, planRefund } from './refund-plan';
import type { LineRow } from './tickets.repository';

const errorOf = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError, nothing was thrown');
};

const line = (id: string, quantity: number, total: number, tax: number, refundedQuantity = 0): LineRow => ({
  tenantId: 't',
  id,
  ticketId: 'ticket',
  position: 1,
  itemId: `item-${id}`,
  sku: id,
  name: id,
  quantity,
  unitPrice: 0,
  priceOverridden: false,
  lineDiscount: 0,
  taxCategory: 'standard',
  taxRateBps: 2000,
  gross: total,
  ticketDiscountShare: 0,
  total,
  tax,
  refundedQuantity,
});

describe('planRefund', () => {
  it('takes every unit not yet refunded when no lines are named', () => {
    const plan = planRefund(
      [line('a', 3, 1199, 200, 1), line('b', 1, 262, 12, 1), line('c', 2, 100, 0)],
      new Map([
        ['a', { amount: 400, tax: 67 }],
        ['b', { amount: 262, tax: 12 }],
      ]),
    );
    expect(
      plan.lines.map((planned) => [planned.line.id, planned.quantity, planned.amount, planned.tax]),
    ).toEqual([
      ['a', 2, 799, 133],
      ['c', 2, 100, 0],
    ]);
    expect([plan.amount, plan.tax]).toEqual([899, 133]);
  });

  it('refuses a line that is not on the ticket, and more units than remain', () => {
    expect(
      errorOf(() => planRefund([line('a', 1, 100, 0)], new Map(), [{ lineId: 'x', quantity: 1 }])).kind,
    ).toBe('NOT_FOUND');
    expect(
      errorOf(() => planRefund([line('a', 2, 100, 0, 1)], new Map(), [{ lineId: 'a', quantity: 2 }])).code,
    ).toBe('REFUND_EXCEEDS_SOLD');
  });

  it('refuses a refund that hands nothing back', () => {
    expect(errorOf(() => planRefund([line('a', 1, 100, 0, 1)], new Map())).code).toBe('NOTHING_TO_REFUND');
    // A free line refunds nothing: the refund row must carry a positive amount.
    expect(errorOf(() => planRefund([line('free', 1, 0, 0)], new Map())).code).toBe('NOTHING_TO_REFUND');
  });
});

describe('defaultRefundMethod', () => {
  it('refunds the way the ticket was paid, and in cash when it was paid several ways', () => {
    expect(defaultRefundMethod([{ method: 'card' }, { method: 'card' }])).toBe('card');
    expect(defaultRefundMethod([{ method: 'cash' }])).toBe('cash');
    expect(defaultRefundMethod([{ method: 'card' }, { method: 'cash' }])).toBe('cash');
    expect(defaultRefundMethod([])).toBe('cash');
  });
});
