import type { Principal } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import { appendEvent } from '@tenantry/outbox';
import { requireTenantPermission } from '../access';
import type { EntitlementsDeps } from './deps';
import type { QuotaLimit } from './entitlements.contracts';
import {
  counterValue,
  incrementWithinLimit,
  insertWarning,
  lockQuota,
  upsertWarning,
} from './entitlements.repository';
import { entitlementErrors } from './errors';
import { entitlementEvents } from './events';
import { entitlementPermissions } from './permissions';
import { planOf } from './plans.service';
import {
  type CountedQuota,
  isGaugeQuota,
  type MonthlyQuota,
  periodOf,
  quotaKeys,
  quotaKinds,
} from './quotas';

/** Where a quota stands after a check or a consumption. */
export interface QuotaState {
  quota: CountedQuota;
  soft: number | null;
  hard: number | null;
  /** Usage once the checked or consumed amount is added. */
  used: number;
  period: string;
}

/** The usage period of a counted quota now ('' or 'YYYY-MM'). */
const countedPeriod = (deps: EntitlementsDeps, quota: CountedQuota): string =>
  periodOf(quota, deps.clock.now()) ?? '';

/** What a tenant uses of a counted quota in a period, read in the caller's platform transaction. */
const usageIn = (deps: EntitlementsDeps, tx: Tx, tenantId: string, quota: CountedQuota, period: string) =>
  isGaugeQuota(quota) ? deps.usage[quota](tx, tenantId) : counterValue(tx, tenantId, quota, period);

/**
 * Emits the soft-limit warning once per crossing. An addition that takes
 * usage from at-or-under the soft limit to past it is a crossing: it always
 * warns (and replaces the period's warning row). Usage already past it warns
 * only if the period has no warning yet (the plan's soft limit was lowered);
 * the row's key lets one writer through. Callers serialise additions (the
 * quota lock, the counter's row lock), so concurrent calls see one crossing.
 * The event commits with the caller's change.
 */
const warnPastSoftLimit = async (
  deps: EntitlementsDeps,
  tx: Tx,
  tenantId: string,
  state: QuotaState,
  before: number,
): Promise<void> => {
  if (state.soft === null || state.used <= state.soft) return;
  const row = {
    tenantId,
    quota: state.quota,
    period: state.period,
    softLimit: state.soft,
    used: state.used,
    warnedAt: deps.clock.now(),
  };
  const crossing = before <= state.soft;
  if (crossing) await upsertWarning(tx, row);
  else if (!(await insertWarning(tx, row))) return;
  await appendEvent(
    tx,
    {
      tenantId: null,
      type: entitlementEvents.softLimitExceeded,
      entityId: tenantId,
      data: { tenantId, ...state },
    },
    deps,
  );
};

const stateOf = (quota: CountedQuota, limit: QuotaLimit, used: number, period: string): QuotaState => ({
  quota,
  soft: limit.soft,
  hard: limit.hard,
  used,
  period,
});

/**
 * Checks that a tenant may add `adding` units of a counted quota; the caller
 * then makes the addition. Past the hard limit it throws 403 QUOTA_EXCEEDED
 * (details: quota, limit, used); past the soft limit it records the warning
 * event once per crossing and allows. `preview` checks the hard limit only (nothing is
 * added yet, e.g. an invitation). Pass the caller's platform transaction as
 * `tx` so the check, the warning and the addition commit together: checks of
 * one tenant's quota queue behind each other until that transaction ends.
 */
export const checkQuota = async (
  deps: EntitlementsDeps,
  tenantId: string,
  quota: CountedQuota,
  options: { adding?: number; preview?: boolean; tx?: Tx } = {},
): Promise<QuotaState> => {
  const adding = options.adding ?? 1;
  const check = async (tx: Tx): Promise<QuotaState> => {
    await lockQuota(tx, tenantId, quota);
    const limit = (await planOf(tx, tenantId)).limits[quota];
    const period = countedPeriod(deps, quota);
    const used = await usageIn(deps, tx, tenantId, quota, period);
    if (limit.hard !== null && used + adding > limit.hard) {
      throw entitlementErrors.quotaExceeded({ quota, limit: limit.hard, used });
    }
    const state = stateOf(quota, limit, used + adding, period);
    if (!options.preview) await warnPastSoftLimit(deps, tx, tenantId, state, used);
    return state;
  };
  return options.tx ? check(options.tx) : deps.router.withPlatform(check);
};

/**
 * Consumes `amount` (default 1) of a monthly quota for the current month
 * (UTC), e.g. one POS ticket. The increment and the hard-limit check are one
 * statement, so concurrent calls never take the counter past the limit;
 * a refused call changes nothing and throws 403 QUOTA_EXCEEDED.
 */
export const consumeQuota = async (
  deps: EntitlementsDeps,
  tenantId: string,
  quota: MonthlyQuota,
  options: { amount?: number } = {},
): Promise<QuotaState> => {
  const amount = options.amount ?? 1;
  if (!Number.isSafeInteger(amount) || amount < 1) throw entitlementErrors.invalidAmount();
  return deps.router.withPlatform(async (tx) => {
    const limit = (await planOf(tx, tenantId)).limits[quota];
    const period = countedPeriod(deps, quota);
    const at = deps.clock.now();
    const used = await incrementWithinLimit(tx, { tenantId, quota, period, amount, hard: limit.hard, at });
    if (used === null) {
      throw entitlementErrors.quotaExceeded({
        quota,
        limit: limit.hard ?? 0,
        used: await counterValue(tx, tenantId, quota, period),
      });
    }
    const state = stateOf(quota, limit, used, period);
    await warnPastSoftLimit(deps, tx, tenantId, state, used - amount);
    return state;
  });
};

/** Every quota of a tenant's plan with its usage now: the plan, then one row per quota. */
export const entitlementsOf = (deps: EntitlementsDeps, tenantId: string) =>
  deps.router.withPlatform(async (tx) => {
    const plan = await planOf(tx, tenantId);
    const now = deps.clock.now();
    const quotas = [];
    for (const quota of quotaKeys) {
      const period = periodOf(quota, now);
      // A rate is seen only by the rate limiter.
      const used =
        quota === 'api_calls_per_minute' ? null : await usageIn(deps, tx, tenantId, quota, period ?? '');
      quotas.push({ quota, kind: quotaKinds[quota], ...plan.limits[quota], used, period });
    }
    return { plan: { key: plan.key, name: plan.name }, quotas };
  });

/**
 * Requests a tenant may make per rate-limit window, from its plan's hard
 * limit on API calls per minute (cached briefly); null when the plan sets none.
 */
export const requestsPerWindow = async (
  deps: EntitlementsDeps,
  tenantId: string,
  windowMs: number,
): Promise<number | null> => {
  const { hard } = (await deps.planCache.limitsOf(tenantId)).api_calls_per_minute;
  return hard === null ? null : Math.ceil((hard * windowMs) / 60_000);
};

/** GET /v1/tenants/current/entitlements: the caller's own tenant, permission checked again. */
export const currentEntitlements = (deps: EntitlementsDeps, principal: Principal) =>
  entitlementsOf(deps, requireTenantPermission(principal, entitlementPermissions.read));
