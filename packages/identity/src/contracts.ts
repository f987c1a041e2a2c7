import { z } from 'zod';
import { maxPasswordLength } from './password-policy';

/** Request and response shapes of identity's core routes (OpenAPI is built from them). */
/** Dates leave the API as ISO 8601 strings (JSON.stringify); the document says so. */
export const timestampSchema = z.date().meta({ type: 'string', format: 'date-time' });

export const emailSchema = z.email().max(254);
/** Length and breach checks run in the service, so the message names the rule. */
export const passwordSchema = z.string().min(1).max(maxPasswordLength);
export const personNameSchema = z.string().trim().min(1).max(120);

const reservedSlugs = new Set([
  'admin',
  'api',
  'app',
  'console',
  'superadmin',
  'www',
  'login',
  'signup',
  'support',
]);
export const tenantSlugSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/,
    'lower-case letters, digits and inner hyphens, 3 to 40 long',
  )
  .refine((slug) => !reservedSlugs.has(slug), 'this slug is reserved');

export const setupBody = z
  .object({ email: emailSchema, password: passwordSchema, name: personNameSchema })
  .strict();

export const signupBody = z
  .object({
    tenantName: z.string().trim().min(2).max(120),
    tenantSlug: tenantSlugSchema,
    email: emailSchema,
    password: passwordSchema,
    name: personNameSchema,
  })
  .strict();

export const loginBody = z
  .object({ email: emailSchema, password: passwordSchema, tenantSlug: tenantSlugSchema.optional() })
  .strict();

export const refreshBody = z.object({ refreshToken: z.string().min(1).max(200) }).strict();

export const tokenPairSchema = z
  .object({
    accessToken: z.string(),
    refreshToken: z.string(),
    expiresIn: z.number().int().meta({ description: 'Seconds until the access token expires' }),
    tokenType: z.literal('Bearer'),
  })
  .meta({ id: 'TokenPair' });

export const loginResponseSchema = z
  .union([
    tokenPairSchema,
    z.object({
      mfaRequired: z.literal(true),
      mfaToken: z.string(),
      expiresIn: z.number().int(),
    }),
  ])
  .meta({ id: 'LoginResult' });

export const tenantStatusSchema = z.enum(['pending', 'active', 'suspended']);

export const tenantSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    status: tenantStatusSchema,
    suspendedReason: z.string().nullable(),
    createdAt: timestampSchema,
    approvedAt: timestampSchema.nullable(),
    suspendedAt: timestampSchema.nullable(),
  })
  .meta({ id: 'Tenant' });

export const connectionModeSchema = z.enum(['shared', 'schema', 'database']).meta({
  id: 'ConnectionMode',
  description: 'Where a tenant keeps its data: the shared tables, its own schema or its own database',
});

/** A tenant as a superadmin reads it: with where its data lives. */
export const tenantDetailSchema = tenantSchema
  .extend({
    connectionMode: connectionModeSchema
      .nullable()
      .meta({ description: 'null while the tenant is pending: its storage is provisioned at approval' }),
  })
  .meta({ id: 'TenantDetail' });

export const userSummarySchema = z
  .object({ id: z.uuid(), email: z.string(), name: z.string() })
  .meta({ id: 'UserSummary' });

export const signupResponseSchema = z.object({
  tenant: tenantSchema.pick({ id: true, slug: true, name: true, status: true, createdAt: true }),
  user: userSummarySchema,
});

export const tenantListQuery = z
  .object({
    status: tenantStatusSchema.optional(),
    q: z.string().trim().min(1).max(100).optional(),
    cursor: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const approveBody = z
  .object({ mode: connectionModeSchema.default('shared') })
  .strict()
  .default({ mode: 'shared' });

export const suspendBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

export const idParams = z.object({ id: z.uuid() });

export const sessionSchema = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    createdAt: timestampSchema,
    lastSeenAt: timestampSchema,
    expiresAt: timestampSchema,
    current: z.boolean(),
  })
  .meta({ id: 'Session' });

export const okSchema = z.object({ ok: z.literal(true) });
