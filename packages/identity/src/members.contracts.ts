import { z } from 'zod';
import {
  emailSchema,
  passwordSchema,
  personNameSchema,
  tenantSchema,
  timestampSchema,
  userSummarySchema,
} from './contracts';
import { builtInRoleNames } from './permissions';

/** Request and response shapes of members, invitations and API keys (OpenAPI is built from them). */
export const roleSchema = z.enum(builtInRoleNames).meta({ id: 'Role' });

export const memberSchema = z
  .object({
    userId: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.string(),
    status: z.string(),
    mfaEnabled: z.boolean(),
    joinedAt: timestampSchema,
  })
  .meta({ id: 'Member' });

export const memberParams = z.object({ userId: z.uuid() });

export const memberRoleBody = z.object({ role: roleSchema }).strict();

export const membershipSchema = z.object({ userId: z.uuid(), role: z.string() }).meta({ id: 'Membership' });

export const invitationBody = z.object({ email: emailSchema, role: roleSchema }).strict();

export const invitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.string(),
    status: z.enum(['pending', 'expired']),
    invitedBy: z.uuid(),
    expiresAt: timestampSchema,
    createdAt: timestampSchema,
  })
  .meta({ id: 'Invitation' });

export const acceptInvitationBody = z
  .object({
    token: z.string().min(1).max(200),
    name: personNameSchema.optional(),
    password: passwordSchema.optional(),
  })
  .strict();

export const acceptInvitationResponseSchema = z
  .object({
    user: userSummarySchema,
    tenant: tenantSchema.pick({ id: true, slug: true, name: true }),
    role: z.string(),
  })
  .meta({ id: 'AcceptedInvitation' });

/** `<module>.<resource>.<action>`: checked against the creator's own permissions by the service. */
const permissionSchema = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){2}$/, 'a permission name');

export const apiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    permissions: z.array(permissionSchema).min(1).max(100),
  })
  .strict();

export const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().meta({ description: 'The first and last characters of the key, to tell keys apart' }),
    permissions: z.array(z.string()),
    createdAt: timestampSchema,
    lastUsedAt: timestampSchema.nullable(),
    revokedAt: timestampSchema.nullable(),
  })
  .meta({ id: 'ApiKey' });

export const createdApiKeySchema = apiKeySchema
  .omit({ lastUsedAt: true, revokedAt: true })
  .extend({ key: z.string().meta({ description: 'The key itself: shown once, never again' }) })
  .meta({ id: 'CreatedApiKey' });
