import { authnError, errorCodes, type Principal } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import { appendEvent } from '@tenantry/outbox';
import { findLiveOneTimeToken } from './account.repository';
import { auditOwnAccount, confirmPassword, ownAccountEvent, userOfPrincipal } from './account.service';
import type { IdentityDeps, RequestMeta } from './deps';
import { identityErrors } from './errors';
import { identityEvents } from './events';
import { throttleLogin } from './login-throttle';
import { acceptSecondFactor, refuseSecondFactor } from './mfa.service';
import { consumeOneTimeToken, expireOpenTokens } from './one-time-tokens.repository';
import { assertAcceptablePassword, hashPassword } from './passwords';
import { sha256 } from './secrets';
import { auditPlatformIn } from './security-audit';
import { revokeSessionsOfUser } from './sessions.repository';
import { denySessions } from './sessions.service';
import { findUser, findUserByEmail, normalizeEmail, type UserRow, updateUser } from './users.repository';

const mfaRequired = () =>
  authnError('This account has MFA: give mfaCode (an authenticator or recovery code)', {
    code: errorCodes.MFA_REQUIRED,
  });

/**
 * Stores a new password hash and ends every session of the user, in the
 * caller's transaction; returns the ended session ids to deny once it commits.
 * Open reset links end too: a password chosen since makes them stale.
 */
const replacePassword = async (
  tx: Tx,
  deps: IdentityDeps,
  user: UserRow,
  passwordHash: string,
  reason: 'password_reset' | 'password_changed',
): Promise<string[]> => {
  const now = deps.clock.now();
  await updateUser(tx, user.id, {
    passwordHash,
    passwordChangedAt: now,
    // A reset link opened from the inbox proves the address as well as a verification link would.
    ...(reason === 'password_reset' && !user.emailVerifiedAt ? { emailVerifiedAt: now } : {}),
  });
  await expireOpenTokens(tx, user.id, 'password_reset', now);
  return revokeSessionsOfUser(tx, user.id, now, reason);
};

/**
 * POST /v1/auth/password-reset/request: the same answer whether or not the
 * address has an account. For an active one the reset e-mail goes out
 * through the outbox; its token is minted when the e-mail is composed.
 */
export const requestPasswordReset = async (deps: IdentityDeps, email: string): Promise<void> => {
  await deps.db.router.withPlatform(async (tx) => {
    const user = await findUserByEmail(tx, normalizeEmail(email));
    if (user?.status !== 'active') return;
    await appendEvent(
      tx,
      {
        tenantId: null,
        type: identityEvents.passwordResetRequested,
        entityId: user.id,
        data: { userId: user.id },
      },
      deps,
    );
  });
};

/**
 * POST /v1/auth/password-reset/confirm: the e-mailed token (once, before it
 * expires) sets a new password and ends every session. An account with MFA
 * also needs a second factor, so a mailbox alone does not open it; without
 * one (or with a wrong one) the token stays usable.
 */
export const confirmPasswordReset = async (
  deps: IdentityDeps,
  input: { token: string; password: string; mfaCode?: string },
  meta: RequestMeta,
): Promise<void> => {
  const now = deps.clock.now();
  const tokenHash = sha256(input.token);
  const user = await deps.db.router.withPlatform(async (tx) => {
    const token = await findLiveOneTimeToken(tx, tokenHash, 'password_reset', now);
    return token ? findUser(tx, token.userId) : null;
  });
  if (user?.status !== 'active') throw identityErrors.invalidToken();
  assertAcceptablePassword(input.password, { email: user.email });
  if (user.mfaEnabledAt) {
    if (!input.mfaCode) throw mfaRequired();
    await throttleLogin(deps, user.email, meta);
  }
  const passwordHash = await hashPassword(input.password);
  const ended = await deps.db.router.withPlatform(async (tx) => {
    if (user.mfaEnabledAt && !(await acceptSecondFactor(tx, deps, user, input.mfaCode ?? ''))) return null;
    // Used meanwhile by a concurrent request: throwing undoes the code just accepted as well.
    const used = await consumeOneTimeToken(tx, tokenHash, 'password_reset', now);
    if (used?.userId !== user.id) throw identityErrors.invalidToken();
    const sessionIds = await replacePassword(tx, deps, user, passwordHash, 'password_reset');
    const event = ownAccountEvent(user.id, 'security.password.reset', {
      metadata: { sessionsEnded: sessionIds.length },
    });
    await auditPlatformIn(tx, deps, event, meta);
    return sessionIds;
  });
  if (!ended) return refuseSecondFactor(deps, user, meta, null);
  await denySessions(deps, ended);
};

/** POST /v1/auth/password: the current password and an acceptable new one; every session ends, this one too. */
export const changePassword = async (
  deps: IdentityDeps,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> => {
  const user = await userOfPrincipal(deps, principal);
  assertAcceptablePassword(input.newPassword, { email: user.email });
  await confirmPassword(deps, user, input.currentPassword, meta);
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await deps.db.router.withPlatform((tx) =>
    replacePassword(tx, deps, user, passwordHash, 'password_changed'),
  );
  await denySessions(deps, ended);
  await auditOwnAccount(deps, principal, 'security.password.changed', meta, {
    metadata: { sessionsEnded: ended.length },
  });
};
