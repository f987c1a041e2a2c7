/**
 * What each tenant wrote during the load. A write answered 2xx is confirmed;
 * one whose answer never arrived (aborted by the client, or a 5xx while
 * server connections were being killed) may or may not have committed.
 */
export interface TenantLedger {
  skus: { confirmed: Set<string>; maybe: Set<string> };
  /** Units received per item by movements of the load (not the seed stock). */
  received: Map<string, { confirmed: number; maybe: number }>;
}

export const emptyLedger = (): TenantLedger => ({
  skus: { confirmed: new Set(), maybe: new Set() },
  received: new Map(),
});

export type WriteOutcome = 'confirmed' | 'maybe';

export const recordSku = (ledger: TenantLedger, sku: string, outcome: WriteOutcome) => {
  ledger.skus[outcome].add(sku);
};

export const recordReceipt = (
  ledger: TenantLedger,
  itemId: string,
  quantity: number,
  outcome: WriteOutcome,
) => {
  const entry = ledger.received.get(itemId) ?? { confirmed: 0, maybe: 0 };
  entry[outcome] += quantity;
  ledger.received.set(itemId, entry);
};

/** Why the stored SKUs are not what the tenant wrote (confirmed ones all there, nothing unknown), or undefined. */
export const skuMismatch = (ledger: TenantLedger, stored: readonly string[], seeded: readonly string[]) => {
  const storedSet = new Set(stored);
  const missing = [...ledger.skus.confirmed, ...seeded].filter((sku) => !storedSet.has(sku));
  const known = new Set([...ledger.skus.confirmed, ...ledger.skus.maybe, ...seeded]);
  const unknown = stored.filter((sku) => !known.has(sku));
  if (missing.length === 0 && unknown.length === 0 && storedSet.size === stored.length) return undefined;
  return `missing ${JSON.stringify(missing)}, not written by this tenant ${JSON.stringify(unknown)}`;
};
