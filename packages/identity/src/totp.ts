import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import { toDataURL } from 'qrcode';

/** The name authenticator apps show above the account. */
const totpIssuer = 'Tenantry';

/**
 * One step either side of the current one: phones drift and people type
 * slowly. Replay is stopped by the last accepted step, not by the window.
 */
const toleranceSeconds = 30;

/** A new base32 TOTP secret (160 bits, RFC 4226's recommendation). */
export const newTotpSecret = (): string => generateSecret();

/** What the authenticator app scans: the otpauth:// URI and the same as a QR code PNG data URL. */
export const totpEnrolment = async (secret: string, accountName: string) => {
  const otpauthUrl = generateURI({ issuer: totpIssuer, label: accountName, secret });
  return { secret, otpauthUrl, qrCodeDataUrl: await toDataURL(otpauthUrl) };
};

/** Six digits: anything else is not a TOTP code (otplib throws on it rather than answering false). */
export const looksLikeTotpCode = (code: string): boolean => /^\d{6}$/.test(code);

/**
 * The time step a code belongs to, or null when it is wrong or its step is
 * not after `afterStep` (already used, or older than the last code used).
 */
export const totpStepOf = async (
  secret: string,
  code: string,
  now: Date,
  afterStep: number | null,
): Promise<number | null> => {
  if (!looksLikeTotpCode(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: toleranceSeconds,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
};

const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
export const recoveryCodeCount = 10;

/** Ten characters of an alphabet without look-alikes (~49 bits), shown as `xxxxx-xxxxx`. */
export const newRecoveryCode = (): string => {
  const chars = Array.from({ length: 10 }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
};

/** Case, spaces and hyphens do not matter when a recovery code is typed back. */
export const normalizeRecoveryCode = (code: string): string => code.toLowerCase().replace(/[^a-z0-9]/g, '');
