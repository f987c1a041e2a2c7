import { z } from 'zod';

/*
 * The console's form rules, re-declared from the domain contracts: the
 * packages export their zod schemas only from an index.ts that also pulls in
 * server code (argon2, drizzle, node:crypto), which a browser bundle cannot
 * hold. These mirror packages/identity/src/contracts.ts (+ passwords.ts) and
 * packages/module-registry/src/flags/contracts.ts; the API validates again
 * and its VALIDATION details are shown beside the fields too.
 */

export const minPasswordLength = 10;
export const maxPasswordLength = 256;

const email = z.email('Enter a valid e-mail address').max(254);

export const loginForm = z.object({
  email,
  password: z.string().min(1, 'Enter your password').max(maxPasswordLength),
});

export const mfaForm = z.object({
  code: z
    .string()
    .trim()
    .min(6, 'Enter the 6-digit code or a recovery code')
    .max(32, 'That code is too long'),
});

export const setupForm = z
  .object({
    name: z.string().trim().min(1, 'Enter your name').max(120),
    email,
    password: z
      .string()
      .min(minPasswordLength, `At least ${minPasswordLength} characters`)
      .max(maxPasswordLength, `At most ${maxPasswordLength} characters`),
    confirm: z.string(),
  })
  .refine((form) => form.password === form.confirm, {
    path: ['confirm'],
    message: 'The passwords differ',
  })
  .refine((form) => form.password.toLowerCase() !== form.email.toLowerCase(), {
    path: ['password'],
    message: 'A password cannot be the e-mail address',
  });

export const suspendForm = z.object({
  reason: z.string().trim().min(3, 'Give a reason of at least 3 characters').max(500),
});

export const connectionModes = ['shared', 'schema', 'database'] as const;
export type ConnectionMode = (typeof connectionModes)[number];

export const flagKeySchema = z
  .string()
  .max(80, 'At most 80 characters')
  .regex(/^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/, 'Lower-case words joined by ".", "-" or "_"');

/** A rollout percentage typed in a text box: empty means no rollout; precision 0.01 %. */
export const rolloutInput = z
  .string()
  .trim()
  .transform((text, context) => {
    if (text === '') return null;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0 || value > 100) {
      context.addIssue({ code: 'custom', message: 'A percentage from 0 to 100, or empty' });
      return z.NEVER;
    }
    return Math.round(value * 100) / 100;
  });

export const flagForm = z.object({
  key: flagKeySchema,
  description: z.string().trim().min(1, 'Describe what the flag turns on').max(500),
  defaultEnabled: z.boolean(),
  rollout: rolloutInput,
});

const uuid = z.uuid('A tenant id (UUID)');

export const flagOverrideForm = z.object({ tenantId: uuid, enabled: z.boolean() });

export type FieldErrors = Partial<Record<string, string>>;

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Parses form values with a schema: the data, or one message per field (the first). */
export const validate = <TSchema extends z.ZodType>(
  schema: TSchema,
  values: unknown,
): Validated<z.output<TSchema>> => {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'form';
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
};
