/**
 * The expected production peak this suite is sized from. A busy shop rings
 * up a sale every 10 s at each till at its busiest; twenty tenants with two
 * tills each are the platform's first large customers; a manager's
 * back-office screen issues a read or a write about every 5 s per tenant.
 * docs/performance.md measured 16-21 full-stack sales/s on the 2-core
 * development machine, so twice this peak (8 sales/s plus back office, about
 * 40 requests/s) keeps headroom rather than measuring saturation.
 */
export const expectedPeak = {
  tenants: 20,
  tillsPerTenant: 2,
  /** Seconds between two sales at one till. */
  saleIntervalSeconds: 10,
  /** Seconds between two back-office requests of one tenant. */
  backOfficeIntervalSeconds: 5,
} as const;

/** The suite drives this multiple of the expected peak. */
export const peakMultiple = 2;

/** HTTP requests one sale takes: open a ticket, add a line, pay, settle. */
export const requestsPerSale = 4;

export interface LoadPlan {
  durationMs: number;
  tenants: number;
  tillsPerTenant: number;
  saleIntervalMs: number;
  backOfficeIntervalMs: number;
  target: { salesPerSecond: number; requestsPerSecond: number };
}

/** LOAD_MINUTES (default 10, fractions allowed) at `peakMultiple` times the expected peak. */
export const loadPlan = (env: NodeJS.ProcessEnv = process.env): LoadPlan => {
  const minutes = env.LOAD_MINUTES === undefined || env.LOAD_MINUTES === '' ? 10 : Number(env.LOAD_MINUTES);
  if (!Number.isFinite(minutes) || minutes <= 0)
    throw new Error(`LOAD_MINUTES must be a positive number: ${env.LOAD_MINUTES}`);
  const tills = expectedPeak.tenants * expectedPeak.tillsPerTenant;
  const salesPerSecond = (tills / expectedPeak.saleIntervalSeconds) * peakMultiple;
  const backOfficePerSecond = (expectedPeak.tenants / expectedPeak.backOfficeIntervalSeconds) * peakMultiple;
  return {
    durationMs: Math.round(minutes * 60_000),
    tenants: expectedPeak.tenants,
    tillsPerTenant: expectedPeak.tillsPerTenant,
    saleIntervalMs: (expectedPeak.saleIntervalSeconds * 1000) / peakMultiple,
    backOfficeIntervalMs: (expectedPeak.backOfficeIntervalSeconds * 1000) / peakMultiple,
    target: {
      salesPerSecond,
      requestsPerSecond: salesPerSecond * requestsPerSale + backOfficePerSecond,
    },
  };
};
