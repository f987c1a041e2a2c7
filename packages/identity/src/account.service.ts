import type { Principal } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import { appendEvent } from '@tenantry/outbox';
import type { IdentityDeps, RequestMeta } from './deps';
import { identityErrors } from './errors';
import { identityEvents } from './events';
import { recordAttempt, throttleLogin } from './login-throttle';
import { consumeOneTimeToken, expireOpenTokens } from './one-time-tokens.repository';
import { verifyPassword } from './passwords';
import { sha256 } from './secrets';
import { actorOf, auditPlatformIn, auditSecurity, type SecurityEvent } from './security-audit';
import { userIdOf } from './sessions.service';
import { findUser, findUserByEmail, normalizeEmail, type UserRow, updateUser } from './users.repository';

/** The tenant a signed-in caller acts in, for the scope of the audit rows of their account changes. */
export const tenantOfPrincipal = (principal: Principal): SecurityEvent['tenant'] =>
  principal.tenantId ? { id: principal.tenantId, status: principal.tenantStatus ?? 'active' } : null;

/** A security event of a user's own account: the user is its entity (and, unless said otherwise, its actor). */
export const ownAccountEvent = (
  userId: string,
  action: string,
  extra: Partial<SecurityEvent> = {},
): SecurityEvent => ({
  tenant: null,
  actor: { type: 'user', id: userId },
  action,
  entity: { type: 'user', id: userId },
  ...extra,
});

/** Audits a change signed-in callers made to their own account, in the scope of the tenant they act in. */
export const auditOwnAccount = (
  deps: IdentityDeps,
  principal: Principal,
  action: string,
  meta: RequestMeta,
  extra: Partial<SecurityEvent> = {},
): Promise<void> =>
  auditSecurity(
    deps,
    ownAccountEvent(principal.id, action, {
      tenant: tenantOfPrincipal(principal),
      actor: actorOf(principal),
      ...extra,
    }),
    meta,
  );

/** The caller's own user row; an API key has none. */
export const userOfPrincipal = async (deps: IdentityDeps, principal: Principal): Promise<UserRow> => {
  const userId = userIdOf(principal);
  const user = await deps.db.router.withPlatform((tx) => findUser(tx, userId));
  if (user?.status !== 'active') throw identityErrors.invalidToken();
  return user;
};

/**
 * Asks for the password again before a sensitive change, so a stolen access
 * token alone cannot take the account over. Throttled and counted like a
 * login: the token must not become a way to guess the password.
 */
export const confirmPassword = async (
  deps: IdentityDeps,
  user: UserRow,
  password: string,
  meta: RequestMeta,
): Promise<void> => {
  await throttleLogin(deps, user.email, meta);
  if (await verifyPassword(user.passwordHash, password)) return;
  await recordAttempt(deps, {
    email: user.email,
    meta,
    succeeded: false,
    reason: 'wrong_password_confirmation',
    userId: user.id,
  });
  throw identityErrors.invalidCredentials();
};

/** Queues the verification e-mail; its token is minted when the e-mail is composed. */
const requestVerification = (tx: Tx, deps: IdentityDeps, userId: string) =>
  appendEvent(
    tx,
    { tenantId: null, type: identityEvents.verificationRequested, entityId: userId, data: { userId } },
    deps,
  );

/** GET /v1/auth/me: who the caller is, never a hash or a secret. */
export const me = async (deps: IdentityDeps, principal: Principal) => {
  const user = await userOfPrincipal(deps, principal);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    emailVerified: user.emailVerifiedAt !== null,
    mfaEnabled: user.mfaEnabledAt !== null,
    tenantId: principal.tenantId,
    roles: [...principal.roles],
  };
};

/** POST /v1/auth/verify-email: the token from the e-mail proves the address; it works once. */
export const verifyEmail = async (deps: IdentityDeps, token: string, meta: RequestMeta): Promise<void> => {
  const now = deps.clock.now();
  await deps.db.router.withPlatform(async (tx) => {
    const used = await consumeOneTimeToken(tx, sha256(token), 'verify_email', now);
    // Throwing rolls the consumption back; an expired token stays dead either way.
    if (!used || used.expiresAt <= now) throw identityErrors.invalidToken();
    const user = await findUser(tx, used.userId);
    if (user?.status !== 'active') throw identityErrors.invalidToken();
    if (user.emailVerifiedAt) return;
    await updateUser(tx, user.id, { emailVerifiedAt: now });
    await auditPlatformIn(tx, deps, ownAccountEvent(user.id, 'security.email.verified'), meta);
  });
};

/** POST /v1/auth/verify-email/resend: a new link (earlier ones end when it is minted); nothing when verified. */
export const resendVerification = async (deps: IdentityDeps, principal: Principal): Promise<void> => {
  const user = await userOfPrincipal(deps, principal);
  if (user.emailVerifiedAt) return;
  await deps.db.router.withPlatform((tx) => requestVerification(tx, deps, user.id));
};

/**
 * POST /v1/auth/email: the new address starts unverified and gets its own
 * verification e-mail. Open verification and reset links of the old address
 * end: they were sent to an address that no longer belongs to the account.
 */
export const changeEmail = async (
  deps: IdentityDeps,
  principal: Principal,
  input: { password: string; newEmail: string },
  meta: RequestMeta,
): Promise<{ email: string; emailVerified: false }> => {
  const user = await userOfPrincipal(deps, principal);
  await confirmPassword(deps, user, input.password, meta);
  const email = normalizeEmail(input.newEmail);
  const now = deps.clock.now();
  await deps.db.router.withPlatform(async (tx) => {
    const holder = await findUserByEmail(tx, email);
    if (holder) throw identityErrors.conflict('This e-mail is already registered', { field: 'newEmail' });
    await updateUser(tx, user.id, { email, emailVerifiedAt: null });
    await expireOpenTokens(tx, user.id, 'verify_email', now);
    await expireOpenTokens(tx, user.id, 'password_reset', now);
    await requestVerification(tx, deps, user.id);
  });
  await auditOwnAccount(deps, principal, 'security.email.changed', meta, {
    before: { email: user.email },
    after: { email },
  });
  return { email, emailVerified: false };
};
