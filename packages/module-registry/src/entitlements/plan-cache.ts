import type { PlanLimits } from './entitlements.contracts';

/** Each tenant's plan limits, cached briefly for hot paths (the rate limiter runs on every request). */
export interface PlanCache {
  limitsOf(tenantId: string): Promise<PlanLimits>;
  /** Drops one tenant's entry, or every entry (a plan's limits changed). */
  forget(tenantId?: string): void;
}

/** Beyond this many tenants the cache starts over rather than growing without bound. */
const maxEntries = 10_000;

export const createPlanCache = (
  load: (tenantId: string) => Promise<PlanLimits>,
  options: { ttlMs: number; now?: () => number },
): PlanCache => {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { at: number; limits: Promise<PlanLimits> }>();
  return {
    limitsOf(tenantId) {
      const cached = entries.get(tenantId);
      if (cached && now() - cached.at < options.ttlMs) return cached.limits;
      if (entries.size >= maxEntries) entries.clear();
      const limits = load(tenantId);
      entries.set(tenantId, { at: now(), limits });
      // A failed read is not remembered: the next call tries again.
      limits.catch(() => {
        if (entries.get(tenantId)?.limits === limits) entries.delete(tenantId);
      });
      return limits;
    },
    forget(tenantId) {
      if (tenantId === undefined) entries.clear();
      else entries.delete(tenantId);
    },
  };
};
