import { AppError, conflictError, errorCodes, validationError } from '@tenantry/core';
import type { QuotaKey } from './quotas';

/** Entitlements' error catalogue. */
export const entitlementErrors = {
  /** 403 QUOTA_EXCEEDED: the action would take usage past the plan's hard limit. */
  quotaExceeded: (details: { quota: QuotaKey; limit: number; used: number }) =>
    new AppError(
      'AUTHZ',
      `The plan allows at most ${details.limit} (${details.quota}); ${details.used} used`,
      {
        code: errorCodes.QUOTA_EXCEEDED,
        details,
      },
    ),
  unknownPlan: (planKey: string) =>
    validationError('No such plan', { status: 422, details: { field: 'planKey', planKey } }),
  planArchived: (planKey: string) =>
    conflictError('An archived plan cannot be assigned', { details: { planKey } }),
  defaultPlanArchived: () => conflictError('The default plan cannot be archived'),
  invalidAmount: () => validationError('amount is a whole number of at least 1'),
};
