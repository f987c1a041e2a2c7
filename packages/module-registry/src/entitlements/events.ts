/**
 * Event types entitlements emits. All are platform-scope events (tenant id
 * nil, the tenant in `data`): they commit with the platform rows they
 * describe, whatever storage the tenant's own data lives in.
 */
export const entitlementEvents = {
  /** Usage went past a soft limit: once per crossing and period. */
  softLimitExceeded: 'entitlements.quota.soft_exceeded',
  planSaved: 'entitlements.plan.saved',
  planAssigned: 'entitlements.plan.assigned',
} as const;
