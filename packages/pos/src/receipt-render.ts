import { Html, html } from './html';
import { formatMoney, formatRate, formatTime, paymentLabel } from './receipt-format';
import type { ReceiptDocument } from './receipts.contracts';

/** The paper width of a common 80 mm receipt printer in its standard font. */
export const RECEIPT_WIDTH = 42;

// Control characters (a newline in an item name) would break the fixed-width layout.
const clean = (value: string): string => value.replace(/\p{Cc}+/gu, ' ');

const rule = (char = '-') => char.repeat(RECEIPT_WIDTH);

const center = (value: string): string => {
  const textValue = clean(value).trim().slice(0, RECEIPT_WIDTH);
  return ' '.repeat(Math.floor((RECEIPT_WIDTH - textValue.length) / 2)) + textValue;
};

/** Words folded into lines of at most the width; a word longer than a line is cut. */
const wrap = (value: string, indent = ''): string[] => {
  const room = RECEIPT_WIDTH - indent.length;
  const lines: string[] = [];
  let current = '';
  for (const word of clean(value).split(/\s+/).filter(Boolean)) {
    for (let rest = word; rest.length > 0; rest = rest.slice(room)) {
      const piece = rest.slice(0, room);
      if (current && current.length + 1 + piece.length <= room) current = `${current} ${piece}`;
      else {
        if (current) lines.push(indent + current);
        current = piece;
      }
    }
  }
  if (current) lines.push(indent + current);
  return lines;
};

/** A label on the left and an amount flush right; the label gives way when both do not fit. */
const row = (label: string, amount: string): string => {
  const room = RECEIPT_WIDTH - amount.length - 1;
  const left = clean(label).slice(0, Math.max(room, 0));
  return left + ' '.repeat(Math.max(RECEIPT_WIDTH - left.length - amount.length, 1)) + amount;
};

/** A plain-text receipt for a fixed-width printer: no line is wider than RECEIPT_WIDTH. */
export const receiptText = (doc: ReceiptDocument): string => {
  const money = (minor: number) => formatMoney(minor, doc.currency);
  const out: string[] = [
    center(doc.locationName),
    center(`Register ${doc.registerName}`),
    row(`Receipt ${doc.receiptNumber}`, formatTime(doc.settledAt)),
    rule(),
  ];
  for (const line of doc.lines) {
    out.push(...wrap(line.name));
    out.push(row(`  ${line.quantity} x ${money(line.unitPrice)}`, money(line.quantity * line.unitPrice)));
    if (line.lineDiscount > 0) out.push(row('  Discount', money(-line.lineDiscount)));
    out.push(row(`  ${line.sku}`, `tax ${formatRate(line.taxRateBps)}`));
  }
  out.push(rule(), row('Subtotal', money(doc.subtotal)));
  if (doc.discountTotal > 0) out.push(row('Discounts', money(-doc.discountTotal)));
  for (const tax of doc.taxes) {
    out.push(row(`Tax ${formatRate(tax.taxRateBps)} on ${money(tax.taxable)}`, money(tax.tax)));
  }
  out.push(row(doc.pricesIncludeTax ? 'Tax included' : 'Tax', money(doc.taxTotal)));
  out.push(rule('='), row('TOTAL', money(doc.total)), rule('='));
  for (const payment of doc.payments) {
    out.push(row(`${paymentLabel(payment.method)} ${payment.reference ?? ''}`, money(payment.amount)));
    if (payment.change > 0) out.push(row('  Tendered', money(payment.tendered)));
  }
  if (doc.changeGiven > 0) out.push(row('Change', money(doc.changeGiven)));
  if (doc.refunds.length > 0) {
    out.push(rule(), 'REFUNDS');
    for (const refund of doc.refunds) {
      out.push(row(`${formatTime(refund.createdAt)} ${paymentLabel(refund.method)}`, money(-refund.amount)));
      for (const line of refund.lines)
        out.push(row(`  ${line.quantity} x ${line.name}`, money(-line.amount)));
      out.push(...wrap(`Reason: ${refund.reason}`, '  '));
    }
    out.push(row('Refunded', money(-doc.refunds.reduce((sum, refund) => sum + refund.amount, 0))));
  }
  out.push(rule(), center('Thank you'));
  return `${out.map((line) => line.trimEnd()).join('\n')}\n`;
};

// A trusted constant, inserted unescaped; it holds no document values.
const style = `
body { font: 14px/1.4 ui-monospace, Menlo, Consolas, monospace; color: #000; margin: 1rem auto; max-width: 24rem; }
h1 { font-size: 1.2rem; margin: 0; text-align: center; }
header p { margin: 0; text-align: center; }
table { border-collapse: collapse; margin: 0.5rem 0; width: 100%; }
th, td { padding: 0.1rem 0; text-align: left; vertical-align: top; }
.amount { text-align: right; white-space: nowrap; }
.detail { color: #444; font-size: 0.85em; }
.total td { border-block: 2px solid #000; font-weight: bold; }
footer { text-align: center; margin-top: 1rem; }
@media print { body { margin: 0; max-width: none; } }
`;

/**
 * A printable, self-contained HTML receipt (inline style, no scripts or
 * external resources). Every value from the document is escaped by `html`.
 */
export const receiptHtml = (doc: ReceiptDocument): string => {
  const money = (minor: number) => formatMoney(minor, doc.currency);
  const amountRow = (label: string, minor: number, className?: string) =>
    html`<tr${className ? html` class="${className}"` : ''}><td>${label}</td><td class="amount">${money(minor)}</td></tr>`;
  const lines = doc.lines.map(
    (
      line,
    ) => html`<tr><td>${line.name}<br><span class="detail">${line.sku} · tax ${formatRate(line.taxRateBps)}</span></td>
<td class="amount">${line.quantity} × ${money(line.unitPrice)}</td><td class="amount">${money(line.quantity * line.unitPrice)}</td></tr>
${line.lineDiscount > 0 ? html`<tr class="detail"><td>Discount</td><td></td><td class="amount">${money(-line.lineDiscount)}</td></tr>` : ''}`,
  );
  const payments = doc.payments.map(
    (
      payment,
    ) => html`${amountRow(`${paymentLabel(payment.method)} ${payment.reference ?? ''}`.trim(), payment.amount)}
${payment.change > 0 ? amountRow('Tendered', payment.tendered, 'detail') : ''}`,
  );
  const refunds = doc.refunds.map(
    (
      refund,
    ) => html`<tr><td>${formatTime(refund.createdAt)} ${paymentLabel(refund.method)}<br><span class="detail">${refund.reason}</span></td><td class="amount">${money(-refund.amount)}</td></tr>
${refund.lines.map((line) => amountRow(`${line.quantity} × ${line.name}`, -line.amount, 'detail'))}`,
  );
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Receipt ${doc.receiptNumber} · ${doc.locationName}</title>
<style>${new Html(style)}</style>
</head>
<body>
<main class="receipt">
<header>
<h1>${doc.locationName}</h1>
<p>Register ${doc.registerName}</p>
<p>Receipt ${doc.receiptNumber} · <time datetime="${new Date(doc.settledAt).toISOString()}">${formatTime(doc.settledAt)}</time></p>
</header>
<table class="lines">
<thead><tr><th>Item</th><th class="amount">Qty × price</th><th class="amount">Amount</th></tr></thead>
<tbody>
${lines}
</tbody>
</table>
<table class="totals">
${amountRow('Subtotal', doc.subtotal)}
${doc.discountTotal > 0 ? amountRow('Discounts', -doc.discountTotal) : ''}
${doc.taxes.map((tax) => amountRow(`Tax ${formatRate(tax.taxRateBps)} on ${money(tax.taxable)}`, tax.tax, 'detail'))}
${amountRow(doc.pricesIncludeTax ? 'Tax included' : 'Tax', doc.taxTotal)}
${amountRow('Total', doc.total, 'total')}
</table>
<table class="payments">
${payments}
${doc.changeGiven > 0 ? amountRow('Change', doc.changeGiven) : ''}
</table>
${doc.refunds.length > 0 ? html`<h2>Refunds</h2>\n<table class="refunds">\n${refunds}\n</table>` : ''}
<footer>Thank you</footer>
</main>
</body>
</html>
`;
  return page.value;
};
