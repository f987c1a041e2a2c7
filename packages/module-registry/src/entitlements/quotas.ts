/** The quotas a plan limits. */
export const quotaKeys = ['users', 'locations', 'pos_tickets_per_month', 'api_calls_per_minute'] as const;
export type QuotaKey = (typeof quotaKeys)[number];

/**
 * How a quota's usage is measured. `gauge`: what the tenant holds right now,
 * counted by the module that owns it (members, locations). `monthly`: a
 * counter per calendar month (UTC) in usage_counters. `rate`: requests per
 * minute, enforced by the API's rate limiter and not stored.
 */
export const quotaKinds = {
  users: 'gauge',
  locations: 'gauge',
  pos_tickets_per_month: 'monthly',
  api_calls_per_minute: 'rate',
} as const satisfies Record<QuotaKey, 'gauge' | 'monthly' | 'rate'>;

type QuotaOfKind<K extends string> = {
  [Q in QuotaKey]: (typeof quotaKinds)[Q] extends K ? Q : never;
}[QuotaKey];

export type GaugeQuota = QuotaOfKind<'gauge'>;
export type MonthlyQuota = QuotaOfKind<'monthly'>;
/** The quotas whose usage is a number the platform can count and check. */
export type CountedQuota = GaugeQuota | MonthlyQuota;

/** The period a quota's usage belongs to at a moment: '' for gauges, 'YYYY-MM' (UTC) for monthly counters, null for rates. */
export const periodOf = (quota: QuotaKey, at: Date): string | null => {
  const kind = quotaKinds[quota];
  switch (kind) {
    case 'gauge':
      return '';
    case 'monthly':
      return at.toISOString().slice(0, 7);
    case 'rate':
      return null;
    default: {
      const unknownKind: never = kind;
      throw new Error(`unknown quota kind ${String(unknownKind)}`);
    }
  }
};

/** A tenant without an assigned plan is on this one; it can be edited but never archived. */
export const defaultPlanKey = 'free';

export const isGaugeQuota = (quota: QuotaKey): quota is GaugeQuota => quotaKinds[quota] === 'gauge';
