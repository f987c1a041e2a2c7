import type { IdentityDeps } from './deps';
import { findMembership, membersOfTenant } from './users.repository';

/**
 * A member's base built-in role, or null when the user is not a member of the
 * tenant. No permission check: for other domains' services (RBAC), which check
 * their caller themselves.
 */
export const memberRoleOf = async (
  deps: Pick<IdentityDeps, 'db'>,
  tenantId: string,
  userId: string,
): Promise<string | null> =>
  (await deps.db.router.withPlatform((tx) => findMembership(tx, tenantId, userId)))?.role ?? null;

/** Every member of a tenant with their base role; for other domains' services, as memberRoleOf. */
export const memberRolesOf = async (
  deps: Pick<IdentityDeps, 'db'>,
  tenantId: string,
): Promise<{ userId: string; role: string }[]> =>
  (await deps.db.router.withPlatform((tx) => membersOfTenant(tx, tenantId))).map((member) => ({
    userId: member.userId,
    role: member.role,
  }));
