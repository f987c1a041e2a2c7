import { accountContracts, identityContracts, passwordPolicy } from '@tenantry/identity/contracts';
import { entitlementContracts, flagContracts } from '@tenantry/module-registry/contracts';
import { z } from 'zod';

/*
 * The console's forms, validated with the API's own zod contracts, imported
 * from the packages' browser-safe `/contracts` entries (zod and pure modules
 * only; the package index would pull argon2, drizzle and node:crypto into the
 * bundle). A form adds only what a screen has and the API has not: a repeated
 * password, a percentage typed as text, and wording for people. The API
 * validates again and its VALIDATION details are shown beside the fields too.
 */

export const { minPasswordLength, maxPasswordLength } = passwordPolicy;

/**
 * Messages by field, then by zod issue code (`too_small`, `invalid_format`...)
 * or one message for any issue of the field. A message the contract itself
 * words (a regex's) wins; without either, zod's own message shows.
 */
export type FormMessages = Record<string, string | Partial<Record<z.core.$ZodIssue['code'], string>>>;

export interface Form<TSchema extends z.ZodType> {
  schema: TSchema;
  messages: FormMessages;
}

const defineForm = <TSchema extends z.ZodType>(
  schema: TSchema,
  messages: FormMessages = {},
): Form<TSchema> => ({ schema, messages });

const enterEmail = 'Enter a valid e-mail address';

export const loginForm = defineForm(identityContracts.loginBody.pick({ email: true, password: true }), {
  email: enterEmail,
  password: { too_small: 'Enter your password', too_big: `At most ${maxPasswordLength} characters` },
});

export const mfaForm = defineForm(accountContracts.mfaLoginBody.pick({ code: true }), {
  code: { too_small: 'Enter the 6-digit code or a recovery code', too_big: 'That code is too long' },
});

const atLeast = `At least ${minPasswordLength} characters`;

/**
 * The setup body and a repeat of the password. The length and e-mail rules
 * are the service's (a 422 WEAK_PASSWORD), checked here too so the form can
 * say so before sending; the breach list stays on the server.
 */
export const setupForm = defineForm(
  identityContracts.setupBody.extend({ confirm: z.string() }).superRefine((form, context) => {
    if (form.password.length < minPasswordLength) {
      context.addIssue({ code: 'custom', path: ['password'], message: atLeast });
    } else if (form.password.toLowerCase() === form.email.toLowerCase()) {
      context.addIssue({
        code: 'custom',
        path: ['password'],
        message: 'A password cannot be the e-mail address',
      });
    }
    if (form.password !== form.confirm) {
      context.addIssue({ code: 'custom', path: ['confirm'], message: 'The passwords differ' });
    }
  }),
  {
    name: 'Enter your name',
    email: enterEmail,
    password: { too_small: atLeast, too_big: `At most ${maxPasswordLength} characters` },
  },
);

export const suspendForm = defineForm(identityContracts.suspendBody, {
  reason: { too_small: 'Give a reason of at least 3 characters', too_big: 'At most 500 characters' },
});

export const planForm = defineForm(entitlementContracts.assignPlanBody);

export const connectionModes = identityContracts.connectionModeSchema.options;
export type ConnectionMode = (typeof connectionModes)[number];

// The rollout's range and shape are the flag rules' own.
const rolloutContract = flagContracts.flagRulesSchema.shape.rollout;

/** A rollout percentage typed in a text box: empty means no rollout; precision 0.01 %. */
export const rolloutInput = z
  .string()
  .trim()
  .transform((text, context) => {
    if (text === '') return null;
    const percentage = Math.round(Number(text) * 100) / 100;
    if (!Number.isFinite(percentage) || !rolloutContract.safeParse({ percentage }).success) {
      context.addIssue({ code: 'custom', message: 'A percentage from 0 to 100, or empty' });
      return z.NEVER;
    }
    return percentage;
  });

export const flagForm = defineForm(
  flagContracts.createFlagBody
    .pick({ key: true, description: true, defaultEnabled: true })
    .extend({ rollout: rolloutInput }),
  {
    key: { too_big: 'At most 80 characters' },
    description: { too_small: 'Describe what the flag turns on', too_big: 'At most 500 characters' },
  },
);

export const flagOverrideForm = defineForm(
  z.object({ tenantId: flagContracts.flagRulesSchema.shape.tenants.unwrap().keyType, enabled: z.boolean() }),
  { tenantId: 'A tenant id (UUID)' },
);

export type FieldErrors = Partial<Record<string, string>>;

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

const fieldOf = (path: readonly PropertyKey[] | undefined) =>
  path && path.length > 0 ? String(path[0]) : 'form';

/** Parses form values with a form's schema: the data, or one message per field (the first). */
export const validate = <TSchema extends z.ZodType>(
  form: Form<TSchema>,
  values: unknown,
): Validated<z.output<TSchema>> => {
  const result = form.schema.safeParse(values, {
    error: (issue) => {
      const messages = form.messages[fieldOf(issue.path)];
      return typeof messages === 'string' ? messages : messages?.[issue.code];
    },
  });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[fieldOf(issue.path)] ??= issue.message;
  return { ok: false, errors };
};
