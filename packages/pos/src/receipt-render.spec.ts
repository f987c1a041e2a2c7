import { describe, expect, it } from 'vitest';
import { formatMoney, formatRate } from './receipt-format';
import { RECEIPT_WIDTH, receiptHtml, receiptText } from './receipt-render';
import type { ReceiptDocument } from './receipts.contracts';

const document = (overrides: Partial<ReceiptDocument> = {}): ReceiptDocument => ({
  ticketId: '0196a0f2-1111-7000-8000-000000000001',
  receiptNumber: 42,
  locationId: '0196a0f2-2222-7000-8000-000000000002',
  locationName: 'Corner Store',
  registerName: 'Front till',
  settledAt: new Date('2025-03-01T14:05:09.000Z'),
  currency: 'EUR',
  pricesIncludeTax: false,
  lines: [
    {
      name: 'Flat white',
      sku: 'COF-1',
      quantity: 2,
      unitPrice: 450,
      lineDiscount: 0,
      total: 1006,
      taxRateBps: 2000,
    },
    {
      name: 'Croissant',
      sku: 'BAK-7',
      quantity: 1,
      unitPrice: 300,
      lineDiscount: 50,
      total: 280,
      taxRateBps: 2000,
    },
    {
      name: 'Apples',
      sku: 'FRU-3',
      quantity: 3,
      unitPrice: 100,
      lineDiscount: 0,
      total: 293,
      taxRateBps: 500,
    },
  ],
  subtotal: 1500,
  discountTotal: 150,
  taxTotal: 229,
  taxes: [
    { taxRateBps: 500, taxable: 279, tax: 14 },
    { taxRateBps: 2000, taxable: 1071, tax: 215 },
  ],
  total: 1579,
  payments: [
    { method: 'card', amount: 1000, tendered: 1000, change: 0, reference: 'auth-77' },
    { method: 'cash', amount: 579, tendered: 2000, change: 1421, reference: null },
  ],
  changeGiven: 1421,
  refunds: [],
  ...overrides,
});

describe('formatMoney', () => {
  it('writes minor units with two decimals and the currency code', () => {
    expect(formatMoney(1579, 'EUR')).toBe('15.79 EUR');
    expect(formatMoney(5, 'USD')).toBe('0.05 USD');
    expect(formatMoney(-1200, 'GBP')).toBe('-12.00 GBP');
    expect(formatMoney(0, 'USD')).toBe('0.00 USD');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD')).toBe('90071992547409.91 USD');
  });
});

describe('formatRate', () => {
  it('writes basis points as a percentage without trailing zeros', () => {
    expect([2000, 825, 550, 0, 5].map(formatRate)).toEqual(['20%', '8.25%', '5.5%', '0%', '0.05%']);
  });
});

describe('receiptText', () => {
  it('prints every line within the 42 columns of the paper', () => {
    const text = receiptText(
      document({
        locationName: 'A very long store name that goes on well past the paper edge',
        lines: [
          {
            name: 'An item name long enough that it has to wrap onto a second and a third line of the receipt',
            sku: 'SKU-WITH-A-RATHER-LONG-CODE-0123456789-ABCDEFG',
            quantity: 1_000,
            unitPrice: 999_999_99,
            lineDiscount: 1,
            total: 1,
            taxRateBps: 825,
          },
        ],
      }),
    );
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(RECEIPT_WIDTH);
    expect(RECEIPT_WIDTH).toBe(42);
  });

  it('shows the sale: header, lines, discounts, taxes per rate, total, payments and change', () => {
    const text = receiptText(document());
    expect(text).toContain('Corner Store');
    expect(text).toContain('Register Front till');
    expect(text).toMatch(/^Receipt 42 +2025-03-01 14:05 UTC$/m);
    expect(text).toMatch(/^ {2}2 x 4\.50 EUR +9\.00 EUR$/m);
    expect(text).toMatch(/^ {2}Discount +-0\.50 EUR$/m);
    expect(text).toMatch(/^Subtotal +15\.00 EUR$/m);
    expect(text).toMatch(/^Discounts +-1\.50 EUR$/m);
    expect(text).toMatch(/^Tax 5% on 2\.79 EUR +0\.14 EUR$/m);
    expect(text).toMatch(/^Tax 20% on 10\.71 EUR +2\.15 EUR$/m);
    expect(text).toMatch(/^Tax +2\.29 EUR$/m);
    expect(text).toMatch(/^TOTAL +15\.79 EUR$/m);
    expect(text).toMatch(/^Card auth-77 +10\.00 EUR$/m);
    expect(text).toMatch(/^Cash +5\.79 EUR$/m);
    expect(text).toMatch(/^ {2}Tendered +20\.00 EUR$/m);
    expect(text).toMatch(/^Change +14\.21 EUR$/m);
    expect(text).not.toContain('REFUNDS');
    // Right-aligned amounts end exactly at the paper's edge.
    expect(text.split('\n').find((line) => line.startsWith('TOTAL'))).toHaveLength(RECEIPT_WIDTH);
  });

  it('says tax is included when prices include it, and lists refunds', () => {
    const text = receiptText(
      document({
        pricesIncludeTax: true,
        refunds: [
          {
            id: '0196a0f2-3333-7000-8000-000000000003',
            createdAt: new Date('2025-03-02T09:00:00.000Z'),
            method: 'cash',
            amount: 503,
            tax: 84,
            reason: 'Cold coffee',
            lines: [{ name: 'Flat white', sku: 'COF-1', quantity: 1, amount: 503 }],
          },
        ],
      }),
    );
    expect(text).toMatch(/^Tax included +2\.29 EUR$/m);
    expect(text).toContain('REFUNDS');
    expect(text).toMatch(/^2025-03-02 09:00 UTC Cash +-5\.03 EUR$/m);
    expect(text).toMatch(/^ {2}1 x Flat white +-5\.03 EUR$/m);
    expect(text).toMatch(/^ {2}Reason: Cold coffee$/m);
    expect(text).toMatch(/^Refunded +-5\.03 EUR$/m);
  });

  it('keeps control characters in names from breaking the layout', () => {
    const text = receiptText(
      document({
        lines: [
          {
            name: 'Line\nbreak\tname',
            sku: 'X\r1',
            quantity: 1,
            unitPrice: 1,
            lineDiscount: 0,
            total: 1,
            taxRateBps: 0,
          },
        ],
      }),
    );
    expect(text).toContain('Line break name');
    expect(text).not.toMatch(/[\t\r]/);
  });
});

describe('receiptHtml', () => {
  it('is a self-contained printable page with the sale on it', () => {
    const page = receiptHtml(document());
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('@media print');
    expect(page).toContain('<h1>Corner Store</h1>');
    expect(page).toContain('Flat white');
    expect(page).toContain('15.79 EUR');
    expect(page).toContain('14.21 EUR');
    // Nothing loaded from elsewhere, nothing run.
    expect(page).not.toMatch(/<script|<link|src=|href=/i);
  });

  it('escapes every value taken from the document', () => {
    const attack = '<script>alert(1)</script>';
    const page = receiptHtml(
      document({
        locationName: `Shop ${attack}`,
        registerName: '"><img src=x onerror=alert(2)>',
        currency: '<b>',
        lines: [
          {
            name: attack,
            sku: "O'Brien & <i>",
            quantity: 1,
            unitPrice: 100,
            lineDiscount: 0,
            total: 100,
            taxRateBps: 0,
          },
        ],
        payments: [
          { method: 'card', amount: 100, tendered: 100, change: 0, reference: '</td><script>x()</script>' },
        ],
        refunds: [
          {
            id: '0196a0f2-3333-7000-8000-000000000003',
            createdAt: new Date('2025-03-02T09:00:00.000Z'),
            method: 'card',
            amount: 100,
            tax: 0,
            reason: attack,
            lines: [{ name: attack, sku: 'S', quantity: 1, amount: 100 }],
          },
        ],
      }),
    );
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<b>');
    expect(page).not.toContain('<i>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(page).toContain('O&#39;Brien &amp; &lt;i&gt;');
    expect(page).toContain('&lt;/td&gt;&lt;script&gt;x()&lt;/script&gt;');
  });
});
