import type { IdentityDeps, RequestMeta } from './deps';
import { identityErrors } from './errors';
import { recordAttempt, throttleLogin } from './login-throttle';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { auditSecurity } from './security-audit';
import { denySessions, openSession, pairFor, type TokenPair, tokenDeps } from './sessions.service';
import { issueMfaToken } from './tokens';
import { findUserByEmail, membershipsOfUser, normalizeEmail, type UserRow } from './users.repository';

export type LoginResult =
  | { kind: 'tokens'; tokens: TokenPair }
  | { kind: 'mfa'; mfaToken: string; expiresIn: number };

export interface SignInTarget {
  tenant: { id: string; slug: string; status: string } | null;
  roles: string[];
}

/**
 * Which tenant a login is for: the one named, the only one, or the platform
 * for a superadmin. A slug the user is not a member of fails like a wrong password.
 */
export const resolveSignInTarget = async (
  deps: IdentityDeps,
  user: UserRow,
  tenantSlug: string | undefined,
): Promise<SignInTarget | null> => {
  const memberships = await deps.db.router.withPlatform((tx) => membershipsOfUser(tx, user.id));
  const chosen = tenantSlug
    ? memberships.find((membership) => membership.slug === tenantSlug)
    : memberships.length === 1 && !user.isSuperadmin
      ? memberships[0]
      : undefined;
  if (chosen) {
    return {
      tenant: { id: chosen.tenantId, slug: chosen.slug, status: chosen.status },
      roles: [chosen.role],
    };
  }
  if (tenantSlug) return null;
  if (user.isSuperadmin) return { tenant: null, roles: ['superadmin'] };
  if (memberships.length > 1) {
    throw identityErrors.tenantRequired(memberships.map(({ slug, name }) => ({ slug, name })));
  }
  return null;
};

/** Opens the session and returns the tokens; the last step of a password or MFA login. */
export const completeSignIn = async (
  deps: IdentityDeps,
  user: UserRow,
  target: SignInTarget,
  meta: RequestMeta,
  method: 'password' | 'mfa',
): Promise<TokenPair> => {
  const tenantId = target.tenant?.id ?? null;
  const opened = await deps.db.router.withPlatform((tx) =>
    openSession(tx, deps, { userId: user.id, tenantId }, meta),
  );
  await denySessions(deps, opened.ended);
  await recordAttempt(deps, {
    email: user.email,
    meta,
    succeeded: true,
    reason: method,
    userId: user.id,
    tenantId,
  });
  await auditSecurity(
    deps,
    {
      tenant: target.tenant,
      actor: { type: target.tenant ? 'user' : 'superadmin', id: user.id },
      action: 'user.logged_in',
      entity: { type: 'session', id: opened.sessionId },
      metadata: { method },
    },
    meta,
  );
  return pairFor(deps, opened.refreshToken, {
    sub: user.id,
    tenantId,
    roles: target.roles,
    sid: opened.sessionId,
  });
};

const refuse = async (
  deps: IdentityDeps,
  email: string,
  meta: RequestMeta,
  reason: string,
  user: UserRow | null,
  target?: SignInTarget | null,
): Promise<never> => {
  await recordAttempt(deps, {
    email,
    meta,
    succeeded: false,
    reason,
    userId: user?.id,
    tenantId: target?.tenant?.id,
  });
  await auditSecurity(
    deps,
    {
      tenant: target?.tenant ?? null,
      actor: { type: 'user', id: user?.id ?? null },
      action: 'user.login_failed',
      metadata: { reason, email },
    },
    meta,
  );
  throw reason === 'tenant_suspended'
    ? identityErrors.tenantSuspended()
    : identityErrors.invalidCredentials();
};

/**
 * POST /v1/auth/login. Wrong e-mail, wrong password, disabled account and a
 * tenant the user is not in all answer the same 401 after the same argon2 work.
 */
export const login = async (
  deps: IdentityDeps,
  input: { email: string; password: string; tenantSlug?: string },
  meta: RequestMeta,
): Promise<LoginResult> => {
  const email = normalizeEmail(input.email);
  await throttleLogin(deps, email, meta);
  const user = await deps.db.router.withPlatform((tx) => findUserByEmail(tx, email));
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !passwordOk)
    return refuse(deps, email, meta, user ? 'wrong_password' : 'unknown_account', user);
  if (user.status !== 'active') return refuse(deps, email, meta, 'account_disabled', user);
  const target = await resolveSignInTarget(deps, user, input.tenantSlug);
  if (!target) return refuse(deps, email, meta, 'not_a_member', user);
  if (target.tenant?.status === 'suspended')
    return refuse(deps, email, meta, 'tenant_suspended', user, target);

  if (user.mfaEnabledAt) {
    const mfa = await issueMfaToken(tokenDeps(deps), { sub: user.id, tenantId: target.tenant?.id ?? null });
    return { kind: 'mfa', mfaToken: mfa.token, expiresIn: deps.config.mfaTokenTtlSeconds };
  }
  return { kind: 'tokens', tokens: await completeSignIn(deps, user, target, meta, 'password') };
};

/** The sign-in target a pending MFA token was issued for, read again (a membership may have ended since). */
export const targetForTenant = async (
  deps: IdentityDeps,
  user: UserRow,
  tenantId: string | null,
): Promise<SignInTarget | null> => {
  if (!tenantId) return user.isSuperadmin ? { tenant: null, roles: ['superadmin'] } : null;
  const memberships = await deps.db.router.withPlatform((tx) => membershipsOfUser(tx, user.id));
  const chosen = memberships.find((membership) => membership.tenantId === tenantId);
  return chosen
    ? { tenant: { id: chosen.tenantId, slug: chosen.slug, status: chosen.status }, roles: [chosen.role] }
    : null;
};
