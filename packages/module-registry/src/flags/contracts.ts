import { z } from 'zod';

export const flagKeySchema = z
  .string()
  .max(80)
  .regex(/^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/, 'lower-case words joined by ".", "-" or "_"');

export const flagRulesSchema = z
  .object({
    /** Tenant id -> on or off: beats the rollout and the default. */
    tenants: z.record(z.uuid(), z.boolean()).default({}),
    /** A share of tenants, sticky per tenant; precision 0.01 %. */
    rollout: z
      .object({ percentage: z.number().min(0).max(100) })
      .strict()
      .nullable()
      .default(null),
  })
  .strict()
  .meta({ id: 'FeatureFlagRules' });

export const createFlagBody = z
  .object({
    key: flagKeySchema,
    description: z.string().min(1).max(500),
    defaultEnabled: z.boolean().default(false),
    rules: flagRulesSchema.default({ tenants: {}, rollout: null }),
  })
  .strict();

export const updateFlagBody = z
  .object({
    description: z.string().min(1).max(500).optional(),
    defaultEnabled: z.boolean().optional(),
    /** Replaces the rules as a whole. */
    rules: flagRulesSchema.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'change at least one field');

export const flagKeyParams = z.object({ key: flagKeySchema });

export const flagListQuery = z.object({
  archived: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
});

export const flagSchema = z
  .object({
    key: z.string(),
    description: z.string(),
    defaultEnabled: z.boolean(),
    rules: flagRulesSchema,
    archived: z.boolean(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'FeatureFlag' });

export const evaluatedFlagSchema = z
  .object({ key: z.string(), enabled: z.boolean() })
  .meta({ id: 'EvaluatedFeatureFlag' });

export type CreateFlagInput = z.infer<typeof createFlagBody>;
export type UpdateFlagInput = z.infer<typeof updateFlagBody>;
