import { type Principal, tenantScopeOf } from '@tenantry/core';
import type { Tx } from '@tenantry/db';
import { revokeApiKeysCreatedBy } from './api-keys.repository';
import type { IdentityDeps, RequestMeta } from './deps';
import { identityErrors } from './errors';
import { identityPermissions, rankOfRole } from './permissions';
import { actorOf, auditSecurity, auditTenantIn, type SecurityEvent } from './security-audit';
import { revokeSessionsOfMember } from './sessions.repository';
import { denySessions } from './sessions.service';
import {
  countMembers,
  deleteMembership,
  findMembership,
  lockOwners,
  membersOfTenant,
  setMembershipRole,
} from './users.repository';

/**
 * The rank that governs base roles: the caller's own base role (identity's
 * membership). RBAC's custom roles carry a rank for RBAC's rules, but their
 * rank says nothing about their permissions, so it never lets a holder hand
 * out base roles. An API key holds no role, so it ranks 0.
 */
export const rankOfPrincipal = (principal: Principal): number =>
  principal.kind === 'user' ? rankOfRole(principal.roles[0] ?? '') : 0;

/** Writes an audit row about the principal's action in the transaction it is bound to. */
export type TenantAudit = (event: Omit<SecurityEvent, 'tenant' | 'actor'>) => Promise<unknown>;

/**
 * A principal's unit of work on its tenant's own data (invitations, API
 * keys): the permission checked again, then one transaction in the tenant's
 * storage, whose audit rows commit with the change.
 */
export const workInTenant = <T>(
  deps: IdentityDeps,
  principal: Principal,
  permission: string,
  meta: RequestMeta,
  work: (tx: Tx, tenantId: string, audit: TenantAudit) => Promise<T>,
): Promise<T> => {
  const tenantId = tenantScopeOf(principal, permission);
  return deps.db.router.withTenant(tenantId, (tx) =>
    work(tx, tenantId, (event) =>
      auditTenantIn(tx, deps, tenantId, { ...event, actor: actorOf(principal) }, meta),
    ),
  );
};

/** How many members a tenant has, read in the caller's directory (platform) transaction: entitlements' user count. */
export const countTenantMembers = (tx: Tx, tenantId: string): Promise<number> => countMembers(tx, tenantId);

/** GET /v1/tenants/current/members */
export const listMembers = async (deps: IdentityDeps, principal: Principal) => {
  const tenantId = tenantScopeOf(principal, identityPermissions.memberRead);
  return deps.db.router.withPlatform((tx) => membersOfTenant(tx, tenantId));
};

type Membership = NonNullable<Awaited<ReturnType<typeof findMembership>>>;

/**
 * Changes one membership under the owners' row locks, taken first so the
 * last-owner rule holds when two owners are demoted or removed at once.
 * Nobody changes a member ranked above them or grants a role above their
 * own. The change runs in the directory's transaction; the tenant's trail
 * records it right after commit.
 */
const changeMembership = async <T>(
  deps: IdentityDeps,
  principal: Principal,
  userId: string,
  change: {
    /** The role the member gets; null when they are removed. */
    newRole: string | null;
    apply(tx: Tx, tenantId: string, member: Membership): Promise<T>;
    audit(member: Membership, result: T): Omit<SecurityEvent, 'tenant' | 'actor' | 'entity'>;
  },
  meta: RequestMeta,
): Promise<T> => {
  const tenantId = tenantScopeOf(principal, identityPermissions.memberManage);
  // Read before the directory transaction: RBAC's roles live in the tenant's storage.
  const heldRank = (await deps.memberRank?.(tenantId, userId)) ?? 0;
  const { member, result } = await deps.db.router.withPlatform(async (tx) => {
    const owners = await lockOwners(tx, tenantId);
    const found = await findMembership(tx, tenantId, userId);
    if (!found) throw identityErrors.notFound('Member');
    const rank = rankOfPrincipal(principal);
    if (Math.max(rankOfRole(found.role), heldRank) > rank || rankOfRole(change.newRole ?? '') > rank) {
      throw identityErrors.roleAboveOwn();
    }
    if (found.role === 'owner' && change.newRole !== 'owner' && owners.length <= 1) {
      throw identityErrors.lastOwner();
    }
    return { member: found, result: await change.apply(tx, tenantId, found) };
  });
  await auditSecurity(
    deps,
    {
      tenant: { id: tenantId, status: principal.tenantStatus ?? 'active' },
      actor: actorOf(principal),
      entity: { type: 'user', id: userId },
      ...change.audit(member, result),
    },
    meta,
  );
  return result;
};

/** PATCH /v1/tenants/current/members/:userId: applies on the member's next request (roles are read per request). */
export const changeMemberRole = (
  deps: IdentityDeps,
  principal: Principal,
  userId: string,
  role: string,
  meta: RequestMeta,
): Promise<{ userId: string; role: string }> => {
  return changeMembership(
    deps,
    principal,
    userId,
    {
      newRole: role,
      apply: async (tx, tenantId) => {
        await setMembershipRole(tx, tenantId, userId, role);
        return { userId, role };
      },
      audit: (member) => ({ action: 'member.role_changed', before: { role: member.role }, after: { role } }),
    },
    meta,
  );
};

/** DELETE /v1/tenants/current/members/:userId: the member's sessions in this tenant end at once. */
export const removeMember = async (
  deps: IdentityDeps,
  principal: Principal,
  userId: string,
  meta: RequestMeta,
): Promise<void> => {
  const ended = await changeMembership(
    deps,
    principal,
    userId,
    {
      newRole: null,
      apply: async (tx, tenantId) => {
        await deleteMembership(tx, tenantId, userId);
        return revokeSessionsOfMember(tx, tenantId, userId, deps.clock.now(), 'membership_removed');
      },
      audit: (member, endedIds) => ({
        action: 'member.removed',
        before: { role: member.role },
        metadata: { sessionsEnded: endedIds.length },
      }),
    },
    meta,
  );
  await denySessions(deps, ended);
  const tenantId = tenantScopeOf(principal, identityPermissions.memberManage);
  // A key acts with its creator's authority: it leaves with them, or it would outlive their removal.
  await deps.db.router.withTenant(tenantId, async (tx) => {
    const revoked = await revokeApiKeysCreatedBy(tx, tenantId, userId, deps.clock.now());
    if (revoked.length > 0) {
      await auditTenantIn(
        tx,
        deps,
        tenantId,
        {
          actor: actorOf(principal),
          action: 'api_key.revoked',
          entity: { type: 'user', id: userId },
          metadata: { reason: 'creator_removed', apiKeyIds: revoked },
        },
        meta,
      );
    }
  });
  await deps.onMemberRemoved?.(tenantId, userId);
};
