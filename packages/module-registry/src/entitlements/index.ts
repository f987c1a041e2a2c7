export type { EntitlementsDeps, GaugeUsage, TenantCensus } from './deps';
export { createEntitlementsDeps } from './deps';
export type { Entitlements, PlanLimits, QuotaLimit, SavePlanInput } from './entitlements.contracts';
export * as entitlementContracts from './entitlements.contracts';
export { entitlementErrors } from './errors';
export { entitlementEvents } from './events';
export { entitlementsMigrations } from './migrations';
export { entitlementPermissions } from './permissions';
export { tenantPlan, tenantsByPlan } from './plan-reports.service';
export { assignPlan, listPlans, savePlan } from './plans.service';
export type { QuotaState } from './quota.service';
export {
  checkQuota,
  consumeQuota,
  currentEntitlements,
  entitlementsOf,
  requestsPerWindow,
} from './quota.service';
export type { CountedQuota, GaugeQuota, MonthlyQuota, QuotaKey } from './quotas';
export { defaultPlanKey, quotaKeys, quotaKinds } from './quotas';
export { plans, quotaWarnings, tenantPlans, usageCounters } from './schema';
