import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: the secret part of every token the platform hands out. */
export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/**
 * Tokens with 256 bits of entropy need no slow hash: SHA-256 is enough to make
 * a stolen table useless, and lets the token be looked up by its hash.
 */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export const constantTimeEqual = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** `<tenant uuid without dashes>` and back: tokens that say which tenant's storage holds them. */
export const compactId = (id: string): string => id.replaceAll('-', '');

export const expandId = (compact: string): string | null =>
  /^[0-9a-f]{32}$/.test(compact)
    ? `${compact.slice(0, 8)}-${compact.slice(8, 12)}-${compact.slice(12, 16)}-${compact.slice(16, 20)}-${compact.slice(20)}`
    : null;
