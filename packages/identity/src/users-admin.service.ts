import type { Principal } from '@tenantry/core';
import type { IdentityDeps, RequestMeta } from './deps';
import { identityErrors } from './errors';
import { actorOf, auditPlatformIn } from './security-audit';
import { revokeSessionsOfUser } from './sessions.repository';
import { denySessions } from './sessions.service';
import { findUser, updateUser } from './users.repository';

export type UserStatus = 'active' | 'disabled';

/**
 * A superadmin disables or re-enables an account. Disabling ends every
 * session at once; the account's memberships and data stay as they are.
 */
export const setUserStatus = async (
  deps: IdentityDeps,
  principal: Principal,
  userId: string,
  change: { status: UserStatus; reason?: string },
  meta: RequestMeta,
) => {
  if (change.status === 'disabled' && principal.id === userId) {
    throw identityErrors.conflict('You cannot disable your own account');
  }
  const { view, ended } = await deps.db.router.withPlatform(async (tx) => {
    const user = await findUser(tx, userId);
    if (!user) throw identityErrors.notFound('User');
    const now = deps.clock.now();
    await updateUser(tx, userId, { status: change.status });
    const endedIds =
      change.status === 'disabled' ? await revokeSessionsOfUser(tx, userId, now, 'account_disabled') : [];
    await auditPlatformIn(
      tx,
      deps,
      {
        tenant: null,
        actor: actorOf(principal),
        action: change.status === 'disabled' ? 'user.disabled' : 'user.enabled',
        entity: { type: 'user', id: userId },
        before: { status: user.status },
        after: { status: change.status },
        metadata: { ...(change.reason ? { reason: change.reason } : {}), sessionsEnded: endedIds.length },
      },
      meta,
    );
    return {
      view: { id: user.id, email: user.email, name: user.name, status: change.status },
      ended: endedIds,
    };
  });
  await denySessions(deps, ended);
  return view;
};
