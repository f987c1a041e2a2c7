import { type JWTPayload, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { IdentityConfig } from './config';
import { identityErrors } from './errors';
import { type SigningKeyRing, tokenAlgorithm } from './signing-keys';

/** RFC 9068 type of access tokens; MFA tokens carry their own type and audience so neither passes for the other. */
const accessType = 'at+jwt';
const mfaType = 'mfa+jwt';

export interface AccessClaims {
  sub: string;
  tenantId: string | null;
  roles: readonly string[];
  sid: string;
  jti: string;
  exp: number;
}

export interface MfaClaims {
  sub: string;
  tenantId: string | null;
  jti: string;
}

type TokenDeps = { keys: SigningKeyRing; config: IdentityConfig; now: Date; newId: () => string };

const sign = async (
  deps: TokenDeps,
  type: string,
  audience: string,
  ttlSeconds: number,
  payload: JWTPayload,
): Promise<{ token: string; jti: string; expiresAt: Date }> => {
  const { kid, key } = deps.keys.signing();
  const issuedAt = Math.floor(deps.now.getTime() / 1000);
  const jti = deps.newId();
  const token = await new SignJWT(payload)
    .setProtectedHeader({ alg: tokenAlgorithm, typ: type, kid })
    .setIssuer(deps.config.issuer)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .setJti(jti)
    .sign(key);
  return { token, jti, expiresAt: new Date((issuedAt + ttlSeconds) * 1000) };
};

export const issueAccessToken = (
  deps: TokenDeps,
  claims: { sub: string; tenantId: string | null; roles: readonly string[]; sid: string },
) =>
  sign(deps, accessType, deps.config.audience, deps.config.accessTokenTtlSeconds, {
    sub: claims.sub,
    tenant_id: claims.tenantId,
    roles: [...claims.roles],
    sid: claims.sid,
  });

export const issueMfaToken = (deps: TokenDeps, claims: { sub: string; tenantId: string | null }) =>
  sign(deps, mfaType, `${deps.config.audience}:mfa`, deps.config.mfaTokenTtlSeconds, {
    sub: claims.sub,
    tenant_id: claims.tenantId,
  });

/**
 * Verifies signature, algorithm (ES256 only: no `none`, no HS/RS confusion),
 * type, issuer, audience and expiry. Every failure is the same AUTHN error.
 */
const verify = async (
  deps: Omit<TokenDeps, 'newId'>,
  token: string,
  type: string,
  audience: string,
): Promise<JWTPayload> => {
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        const key = await deps.keys.verifier(header.kid);
        if (!key) throw new joseErrors.JWKSNoMatchingKey();
        return key;
      },
      {
        algorithms: [tokenAlgorithm],
        typ: type,
        issuer: deps.config.issuer,
        audience,
        currentDate: deps.now,
        requiredClaims: ['sub', 'jti', 'exp', 'iat'],
      },
    );
    return payload;
  } catch (error) {
    if (error instanceof joseErrors.JOSEError || error instanceof TypeError)
      throw identityErrors.invalidToken();
    throw error;
  }
};

const stringArray = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

const tenantClaim = (payload: JWTPayload): string | null =>
  typeof payload.tenant_id === 'string' ? payload.tenant_id : null;

export const verifyAccessToken = async (
  deps: Omit<TokenDeps, 'newId'>,
  token: string,
): Promise<AccessClaims> => {
  const payload = await verify(deps, token, accessType, deps.config.audience);
  if (typeof payload.sid !== 'string') throw identityErrors.invalidToken();
  return {
    sub: payload.sub as string,
    tenantId: tenantClaim(payload),
    roles: stringArray(payload.roles),
    sid: payload.sid,
    jti: payload.jti as string,
    exp: payload.exp as number,
  };
};

export const verifyMfaToken = async (deps: Omit<TokenDeps, 'newId'>, token: string): Promise<MfaClaims> => {
  const payload = await verify(deps, token, mfaType, `${deps.config.audience}:mfa`);
  return { sub: payload.sub as string, tenantId: tenantClaim(payload), jti: payload.jti as string };
};
