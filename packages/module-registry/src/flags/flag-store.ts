import type { TenancyRouter } from '@tenantry/db';
import type { InvalidationBus } from '../invalidation';
import { type EvaluableFlag, evaluateFlag } from './evaluate';
import { listFlags } from './flags.repository';

/** The live (not archived) flags, cached in this process and evaluated per tenant. */
export interface FeatureFlagStore {
  /** Every live flag; cached until a change or the time to live. */
  live(): Promise<readonly EvaluableFlag[]>;
  /** Each live flag's answer for a tenant, by key order. */
  evaluateFor(tenantId: string): Promise<{ key: string; enabled: boolean }[]>;
  /** One flag's answer for a tenant; an unknown or archived flag is off. */
  isEnabled(flagKey: string, tenantId: string): Promise<boolean>;
  /** Drops the cache here and in every instance on the same bus. Call after a change commits. */
  invalidate(): Promise<void>;
}

/** A safety net only: changes invalidate at once, through the bus. */
const flagCacheMs = 60_000;

/**
 * The store reads all live flags in one query (they are few) and keeps them
 * until a change is published on the bus, here or by another instance.
 */
export const createFeatureFlagStore = (
  router: TenancyRouter,
  bus: InvalidationBus,
  options: { now?: () => number; ttlMs?: number } = {},
): FeatureFlagStore => {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? flagCacheMs;
  let cached: { at: number; flags: Promise<EvaluableFlag[]> } | null = null;
  const forget = () => {
    cached = null;
  };
  bus.subscribe('flags', forget);

  const live = (): Promise<EvaluableFlag[]> => {
    if (cached && now() - cached.at < ttlMs) return cached.flags;
    const flags = router.withPlatform(async (tx) =>
      (await listFlags(tx, { includeArchived: false })).map(
        (row): EvaluableFlag => ({ key: row.key, defaultEnabled: row.defaultEnabled, rules: row.rules }),
      ),
    );
    // Set before the read completes: an invalidation meanwhile replaces it, so a read
    // that began before a change never stays cached after it.
    const entry = { at: now(), flags };
    cached = entry;
    flags.catch(() => {
      if (cached === entry) forget();
    });
    return flags;
  };

  return {
    live,
    async evaluateFor(tenantId) {
      return (await live()).map((flag) => ({ key: flag.key, enabled: evaluateFlag(flag, tenantId) }));
    },
    async isEnabled(flagKey, tenantId) {
      const flag = (await live()).find((candidate) => candidate.key === flagKey);
      return flag ? evaluateFlag(flag, tenantId) : false;
    },
    invalidate: () => bus.publish('flags'),
  };
};
