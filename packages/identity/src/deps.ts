import type { Clock, IdGenerator } from '@tenantry/core';
import type { DatabaseRuntime, Tx } from '@tenantry/db';
import type { IdentityConfig } from './config';
import type { TokenDenylist } from './denylist';
import type { SigningKeyRing } from './signing-keys';

/** Everything identity's services need, passed in by the composition root. */
export interface IdentityDeps {
  db: DatabaseRuntime;
  clock: Clock;
  newId: IdGenerator;
  config: IdentityConfig;
  keys: SigningKeyRing;
  denylist: TokenDenylist;
  /** The plan's limit on members (entitlements); without it members are not limited. */
  memberQuota?: MemberQuota;
  /**
   * Runs when a tenant is approved, after its storage is provisioned and
   * before it turns active (RBAC seeds the built-in roles there). It must be
   * idempotent: a failed approval leaves the tenant pending, to be retried.
   */
  onTenantApproved?: (tenantId: string) => Promise<void>;
  /**
   * A member's rank from roles held outside identity (RBAC assignments), so a
   * member raised there is not changed by someone ranked below them.
   */
  memberRank?: (tenantId: string, userId: string) => Promise<number>;
  /** Runs after a member is removed (RBAC drops their role assignments, so a re-join starts clean). */
  onMemberRemoved?: (tenantId: string, userId: string) => Promise<void>;
}

/**
 * Checks a tenant's plan before members are added. Runs in identity's
 * directory transaction, where the membership is then written, so the check
 * and the addition commit together. Throws (403 QUOTA_EXCEEDED) past the
 * hard limit; `preview` checks without recording anything (an invitation
 * adds nobody yet).
 */
export interface MemberQuota {
  check(tx: Tx, tenantId: string, options: { adding: number; preview?: boolean }): Promise<void>;
}

/** Who asked, where from: carried into audit rows and login attempts. */
export interface RequestMeta {
  ip: string;
  userAgent?: string | null;
  requestId?: string | null;
}
