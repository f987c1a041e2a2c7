import type { Principal } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import { claimTotpStep } from './account.repository';
import {
  auditOwnAccount,
  confirmPassword,
  ownAccountEvent,
  tenantOfPrincipal,
  userOfPrincipal,
} from './account.service';
import type { IdentityDeps, RequestMeta } from './deps';
import { identityErrors } from './errors';
import { completeSignIn, targetForTenant } from './login.service';
import { recordAttempt, throttleLogin } from './login-throttle';
import { consumeRecoveryCode, replaceRecoveryCodes } from './one-time-tokens.repository';
import { sha256 } from './secrets';
import { auditSecurity, type SecurityEvent } from './security-audit';
import type { TokenPair } from './sessions.service';
import { verifyMfaToken } from './tokens';
import {
  looksLikeTotpCode,
  newRecoveryCode,
  newTotpSecret,
  normalizeRecoveryCode,
  recoveryCodeCount,
  totpEnrolment,
  totpStepOf,
} from './totp';
import { findUser, type UserRow, updateUser } from './users.repository';

export type SecondFactor = 'totp' | 'recovery_code';

const hashRecoveryCode = (code: string) => sha256(normalizeRecoveryCode(code));

/**
 * Checks a second factor of a user with MFA, using it up in the caller's
 * transaction: a TOTP code's step is claimed (a step at or before the last
 * one used is a replay), a recovery code is marked used. Null when wrong.
 */
export const acceptSecondFactor = async (
  tx: Tx,
  deps: IdentityDeps,
  user: UserRow,
  code: string,
): Promise<SecondFactor | null> => {
  if (!user.totpSecret) return null;
  const now = deps.clock.now();
  if (looksLikeTotpCode(code)) {
    const step = await totpStepOf(user.totpSecret, code, now, user.totpLastStep);
    return step !== null && (await claimTotpStep(tx, user.id, step)) ? 'totp' : null;
  }
  return (await consumeRecoveryCode(tx, user.id, hashRecoveryCode(code), now)) ? 'recovery_code' : null;
};

/** A wrong second factor counts as a failed login: it feeds the same lockout and audit trail. */
export const refuseSecondFactor = async (
  deps: IdentityDeps,
  user: UserRow,
  meta: RequestMeta,
  tenant: SecurityEvent['tenant'],
): Promise<never> => {
  const reason = 'wrong_mfa_code';
  await recordAttempt(deps, {
    email: user.email,
    meta,
    succeeded: false,
    reason,
    userId: user.id,
    tenantId: tenant?.id,
  });
  await auditSecurity(
    deps,
    {
      tenant,
      actor: { type: 'user', id: user.id },
      action: 'user.login_failed',
      metadata: { reason, email: user.email },
    },
    meta,
  );
  throw identityErrors.mfaInvalid();
};

const mfaAlreadyOn = () => identityErrors.conflict('MFA is already enabled; disable it first');

/**
 * POST /v1/auth/mfa/setup: a new pending secret (replacing any earlier one).
 * This is the only answer that ever carries the secret; it becomes active
 * once a code of it is confirmed.
 */
export const setupMfa = async (deps: IdentityDeps, principal: Principal) => {
  const user = await userOfPrincipal(deps, principal);
  if (user.mfaEnabledAt) throw mfaAlreadyOn();
  const secret = newTotpSecret();
  await deps.db.router.withPlatform((tx) => updateUser(tx, user.id, { totpPendingSecret: secret }));
  return totpEnrolment(secret, user.email);
};

/**
 * POST /v1/auth/mfa/enable: the password and a code of the pending secret
 * turn MFA on. Returns the recovery codes, shown this once (only hashes are kept).
 */
export const enableMfa = async (
  deps: IdentityDeps,
  principal: Principal,
  input: { password: string; code: string },
  meta: RequestMeta,
): Promise<{ recoveryCodes: string[] }> => {
  const user = await userOfPrincipal(deps, principal);
  if (user.mfaEnabledAt) throw mfaAlreadyOn();
  await confirmPassword(deps, user, input.password, meta);
  const secret = user.totpPendingSecret;
  if (!secret) throw identityErrors.conflict('No MFA setup in progress: call /v1/auth/mfa/setup first');
  const now = deps.clock.now();
  const step = await totpStepOf(secret, input.code, now, null);
  if (step === null) throw identityErrors.mfaInvalid();
  const recoveryCodes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  await deps.db.router.withPlatform(async (tx) => {
    // The confirming code's step counts as used: it cannot sign in right after.
    await updateUser(tx, user.id, {
      totpSecret: secret,
      totpPendingSecret: null,
      totpLastStep: step,
      mfaEnabledAt: now,
    });
    await replaceRecoveryCodes(tx, user.id, recoveryCodes.map(hashRecoveryCode));
  });
  await auditOwnAccount(deps, principal, 'security.mfa.enabled', meta);
  return { recoveryCodes };
};

/** POST /v1/auth/mfa/disable: the password and a TOTP or recovery code turn MFA off. */
export const disableMfa = async (
  deps: IdentityDeps,
  principal: Principal,
  input: { password: string; code: string },
  meta: RequestMeta,
): Promise<void> => {
  const user = await userOfPrincipal(deps, principal);
  if (!user.mfaEnabledAt) throw identityErrors.conflict('MFA is not enabled');
  await confirmPassword(deps, user, input.password, meta);
  const disabled = await deps.db.router.withPlatform(async (tx) => {
    if (!(await acceptSecondFactor(tx, deps, user, input.code))) return false;
    await updateUser(tx, user.id, {
      totpSecret: null,
      totpPendingSecret: null,
      totpLastStep: null,
      mfaEnabledAt: null,
    });
    await replaceRecoveryCodes(tx, user.id, []);
    return true;
  });
  if (!disabled) return refuseSecondFactor(deps, user, meta, tenantOfPrincipal(principal));
  await auditOwnAccount(deps, principal, 'security.mfa.disabled', meta);
};

/**
 * POST /v1/auth/login/mfa: the second step of a login. The MFA token works
 * once (its id is denied after use) and only for the tenant it was issued for.
 */
export const loginWithMfa = async (
  deps: IdentityDeps,
  input: { mfaToken: string; code: string },
  meta: RequestMeta,
): Promise<TokenPair> => {
  const claims = await verifyMfaToken(
    { keys: deps.keys, config: deps.config, now: deps.clock.now() },
    input.mfaToken,
  );
  if (await deps.denylist.hasAny([claims.jti])) throw identityErrors.invalidToken();
  const user = await deps.db.router.withPlatform((tx) => findUser(tx, claims.sub));
  if (user?.status !== 'active' || !user.mfaEnabledAt) throw identityErrors.invalidToken();
  await throttleLogin(deps, user.email, meta);
  const target = await targetForTenant(deps, user, claims.tenantId);
  if (!target) throw identityErrors.invalidToken();
  if (target.tenant?.status === 'suspended') throw identityErrors.tenantSuspended();
  const factor = await deps.db.router.withPlatform((tx) => acceptSecondFactor(tx, deps, user, input.code));
  if (!factor) return refuseSecondFactor(deps, user, meta, target.tenant);
  await deps.denylist.add(claims.jti, deps.config.mfaTokenTtlSeconds);
  if (factor === 'recovery_code') {
    const event = ownAccountEvent(user.id, 'security.mfa.recovery_code_used', { tenant: target.tenant });
    await auditSecurity(deps, event, meta);
  }
  return completeSignIn(deps, user, target, meta, 'mfa');
};
