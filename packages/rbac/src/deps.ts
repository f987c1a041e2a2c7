import type { Clock, IdGenerator } from '@tenantry/core';
import type { TenancyRouter } from '@tenantry/db';
import type { Registry } from '@tenantry/module-registry';

/**
 * Identity's membership directory as RBAC reads it: each member's base
 * built-in role (identity keeps it, with its rank and last-owner rules).
 */
export interface MemberDirectory {
  /** The member's base role, or null when the user is not a member of the tenant. */
  baseRoleOf(tenantId: string, userId: string): Promise<string | null>;
  /** Every member of the tenant with their base role. */
  membersOf(tenantId: string): Promise<{ userId: string; role: string }[]>;
}

/** Everything RBAC's services need, passed in by the composition root. */
export interface RbacDeps {
  router: TenancyRouter;
  registry: Registry;
  clock: Clock;
  newId: IdGenerator;
  directory: MemberDirectory;
}

export type { RequestMeta } from '@tenantry/audit';
