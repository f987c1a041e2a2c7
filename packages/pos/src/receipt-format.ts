/** How a receipt writes amounts, rates and times, the same in every rendering. */

/**
 * Minor units as `12.34 USD`. Two decimals for every currency: the tenant's
 * currencies are two-decimal ones (a zero- or three-decimal currency would
 * need its exponent stored with the ticket).
 */
export const formatMoney = (minor: number, currency: string): string => {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  // Integer division on safe integers: no floating-point step touches the amount.
  const whole = Math.trunc(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}.${cents} ${currency}`;
};

/** Basis points as a percentage without trailing zeros: 2000 -> 20%, 825 -> 8.25%, 550 -> 5.5%. */
export const formatRate = (bps: number): string => {
  const whole = Math.trunc(bps / 100);
  const fraction = String(bps % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}%` : `${whole}%`;
};

/** A UTC minute, `2025-03-01 14:05 UTC`; receipts are read by people, not parsed. */
export const formatTime = (at: Date | string): string =>
  `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export const paymentLabel = (method: 'cash' | 'card'): string => (method === 'cash' ? 'Cash' : 'Card');
