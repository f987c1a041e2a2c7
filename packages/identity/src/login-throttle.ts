import { setTimeout as sleep } from 'node:timers/promises';
import { insertAttempt, recentFailures } from './attempts.repository';
import type { IdentityDeps, RequestMeta } from './deps';
import { identityErrors } from './errors';

/**
 * Brute-force brake, counted per e-mail (whether or not the account exists,
 * so a lock reveals nothing) and per client IP: a growing delay after a few
 * failures, then a temporary lock.
 */
export const throttleLogin = async (deps: IdentityDeps, email: string, meta: RequestMeta): Promise<void> => {
  const policy = deps.config.lockout;
  const now = deps.clock.now();
  const since = new Date(now.getTime() - policy.windowSeconds * 1000);
  const failures = await deps.db.router.withPlatform((tx) => recentFailures(tx, email, meta.ip, since));
  const locked = failures.account >= policy.accountLockAfter || failures.ip >= policy.ipLockAfter;
  if (locked && failures.lastFailure) {
    const until = failures.lastFailure.getTime() + policy.lockSeconds * 1000;
    if (until > now.getTime()) {
      await recordAttempt(deps, { email, meta, succeeded: false, reason: 'locked' });
      throw identityErrors.locked(Math.ceil((until - now.getTime()) / 1000));
    }
  }
  const over = Math.max(failures.account, failures.ip) - policy.delayAfter;
  if (over >= 0) await sleep(Math.min(policy.delayBaseMs * 2 ** over, policy.delayMaxMs));
};

export const recordAttempt = (
  deps: IdentityDeps,
  attempt: {
    email: string;
    meta: RequestMeta;
    succeeded: boolean;
    reason: string;
    userId?: string | null;
    tenantId?: string | null;
  },
) =>
  deps.db.router.withPlatform((tx) =>
    insertAttempt(tx, {
      id: deps.newId(),
      email: attempt.email,
      ip: attempt.meta.ip,
      succeeded: attempt.succeeded,
      reason: attempt.reason,
      userId: attempt.userId ?? null,
      tenantId: attempt.tenantId ?? null,
      createdAt: deps.clock.now(),
    }),
  );
