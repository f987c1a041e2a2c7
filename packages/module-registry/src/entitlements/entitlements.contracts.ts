import { z } from 'zod';
import { type QuotaKey, quotaKeys } from './quotas';

/** Request and response shapes of plans and entitlements (OpenAPI is built from them). */
const timestampSchema = z.date().meta({ type: 'string', format: 'date-time' });

/** A whole number of units, or null for no limit. */
const limitValueSchema = z.number().int().min(0).nullable();

/** One quota of a plan: past `soft` a warning event is recorded, past `hard` the action is refused. */
export const quotaLimitSchema = z
  .object({ soft: limitValueSchema, hard: limitValueSchema })
  .strict()
  .refine((limit) => limit.soft === null || limit.hard === null || limit.soft <= limit.hard, {
    message: 'soft must not exceed hard',
    path: ['soft'],
  })
  .meta({ id: 'QuotaLimit' });
export type QuotaLimit = z.infer<typeof quotaLimitSchema>;

/** Every quota, named explicitly (null for unlimited), so a typo cannot leave a quota open. */
export const planLimitsSchema = z
  .object({
    users: quotaLimitSchema,
    locations: quotaLimitSchema,
    pos_tickets_per_month: quotaLimitSchema,
    api_calls_per_minute: quotaLimitSchema,
  } satisfies Record<QuotaKey, typeof quotaLimitSchema>)
  .strict()
  .meta({ id: 'PlanLimits' });
export type PlanLimits = z.infer<typeof planLimitsSchema>;

export const planKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'lower-case letters, digits and hyphens');

export const planParams = z.object({ key: planKeySchema });

export const savePlanBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    limits: planLimitsSchema,
    archived: z.boolean().default(false),
  })
  .strict();
export type SavePlanInput = z.infer<typeof savePlanBody>;

export const planSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    limits: planLimitsSchema,
    archived: z.boolean(),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  })
  .meta({ id: 'Plan' });

export const assignPlanBody = z.object({ planKey: planKeySchema }).strict();

export const tenantPlanSchema = z
  .object({ tenantId: z.uuid(), planKey: z.string(), assignedAt: timestampSchema.nullable() })
  .meta({ id: 'TenantPlan' });

export const tenantPlanDetailSchema = z
  .object({
    tenantId: z.uuid(),
    planKey: z.string(),
    planName: z.string(),
    limits: planLimitsSchema,
    assignedAt: timestampSchema
      .nullable()
      .meta({ description: 'null when the tenant was never assigned a plan: it is on the default plan' }),
  })
  .meta({ id: 'TenantPlanDetail' });

const tenantCount = z.number().int().min(0);

export const tenantsByPlanSchema = z
  .array(
    z.object({
      planKey: z.string(),
      planName: z.string(),
      archived: z.boolean(),
      tenants: tenantCount.meta({ description: 'Tenants on the plan, whatever their status' }),
    }),
  )
  .meta({
    id: 'TenantsByPlan',
    description: 'Every plan by key with its tenants; archived plans only while tenants are on them',
  });

export const entitlementSchema = z
  .object({
    quota: z.enum(quotaKeys),
    kind: z.enum(['gauge', 'monthly', 'rate']),
    soft: z.number().int().nullable(),
    hard: z.number().int().nullable(),
    /** Current usage; null for a rate, which only the rate limiter sees. */
    used: z.number().int().nullable(),
    /** '' for gauges, 'YYYY-MM' for monthly counters, null for rates. */
    period: z.string().nullable(),
  })
  .meta({ id: 'Entitlement' });

export const entitlementsSchema = z
  .object({
    plan: z.object({ key: z.string(), name: z.string() }),
    quotas: z.array(entitlementSchema),
  })
  .meta({ id: 'Entitlements' });
export type Entitlements = z.infer<typeof entitlementsSchema>;
