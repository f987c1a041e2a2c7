import { createHash } from 'node:crypto';
import type { FlagRules } from './schema';

/** What evaluation needs of a flag. */
export interface EvaluableFlag {
  key: string;
  defaultEnabled: boolean;
  rules: FlagRules;
}

const buckets = 10_000;

/**
 * The tenant's bucket for a flag, 0..9999: sha256 of `${flagKey}:${tenantId}`,
 * first 4 bytes as an unsigned big-endian integer, mod 10,000. It depends on
 * nothing else, so a tenant keeps its answer across instances and restarts,
 * and raising a percentage only ever adds tenants.
 */
export const rolloutBucket = (flagKey: string, tenantId: string): number =>
  createHash('sha256').update(`${flagKey}:${tenantId}`).digest().readUInt32BE(0) % buckets;

/**
 * A tenant override wins; else a rollout decides (bucket below
 * percentage x 100); else the default.
 */
export const evaluateFlag = (flag: EvaluableFlag, tenantId: string): boolean => {
  const override = flag.rules.tenants[tenantId];
  if (override !== undefined) return override;
  if (flag.rules.rollout) {
    return rolloutBucket(flag.key, tenantId) < Math.round(flag.rules.rollout.percentage * 100);
  }
  return flag.defaultEnabled;
};
