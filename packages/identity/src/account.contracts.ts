import { z } from 'zod';
import { emailSchema, passwordSchema } from './contracts';

/** Request and response shapes of the account routes: MFA, password, e-mail and /me. */

/** A six-digit authenticator code or a recovery code (`xxxxx-xxxxx`); the service tells them apart. */
export const mfaCodeSchema = z.string().trim().min(6).max(32);

/** Tokens from e-mailed links: base64url, 43 characters today; the cap only stops junk. */
const linkTokenSchema = z.string().min(1).max(200);

export const mfaSetupResponse = z
  .object({
    secret: z.string().meta({ description: 'Base32 TOTP secret, for typing into an authenticator app' }),
    otpauthUrl: z.string(),
    qrCodeDataUrl: z.string().meta({ description: 'The otpauth URL as a PNG QR code (data: URL)' }),
  })
  .meta({ id: 'MfaSetup' });

export const mfaConfirmBody = z.object({ password: passwordSchema, code: mfaCodeSchema }).strict();

export const mfaEnableResponse = z
  .object({
    recoveryCodes: z
      .array(z.string())
      .meta({ description: 'One-time codes for when the authenticator is lost; shown only now' }),
  })
  .meta({ id: 'MfaEnabled' });

export const mfaLoginBody = z
  .object({ mfaToken: z.string().min(1).max(2_000), code: mfaCodeSchema })
  .strict();

export const passwordResetRequestBody = z.object({ email: emailSchema }).strict();

export const acceptedSchema = z.object({ accepted: z.literal(true) });

export const passwordResetConfirmBody = z
  .object({
    token: linkTokenSchema,
    password: passwordSchema,
    mfaCode: mfaCodeSchema.optional().meta({ description: 'Required when the account has MFA' }),
  })
  .strict();

export const passwordChangeBody = z
  .object({ currentPassword: passwordSchema, newPassword: passwordSchema })
  .strict();

export const verifyEmailBody = z.object({ token: linkTokenSchema }).strict();

export const emailChangeBody = z.object({ password: passwordSchema, newEmail: emailSchema }).strict();

export const emailChangeResponse = z.object({ email: z.string(), emailVerified: z.literal(false) });

export const meSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    emailVerified: z.boolean(),
    mfaEnabled: z.boolean(),
    tenantId: z.uuid().nullable(),
    roles: z.array(z.string()),
  })
  .meta({ id: 'Me' });
