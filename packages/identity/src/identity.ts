import { type Clock, type IdGenerator, newId, systemClock } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
import type { Redis } from 'ioredis';
import type { IdentityConfig } from './config';
import { memoryDenylist, redisDenylist } from './denylist';
import type { IdentityDeps, MemberQuota } from './deps';
import { loadSigningKeyRing } from './signing-keys';

/**
 * Builds identity's dependencies: the signing keys from the database (the
 * first one is created on first start) and the token denylist (Redis when
 * there is one, so every API instance shares it; memory otherwise).
 */
export const createIdentityDeps = async (options: {
  db: DatabaseRuntime;
  config: IdentityConfig;
  redis?: Redis;
  clock?: Clock;
  newId?: IdGenerator;
  memberQuota?: MemberQuota;
  onTenantApproved?: IdentityDeps['onTenantApproved'];
  memberRank?: IdentityDeps['memberRank'];
  onMemberRemoved?: IdentityDeps['onMemberRemoved'];
}): Promise<IdentityDeps> => {
  const clock = options.clock ?? systemClock;
  return {
    db: options.db,
    config: options.config,
    clock,
    newId: options.newId ?? newId,
    keys: await loadSigningKeyRing(options.db.router, { clock }),
    denylist: options.redis ? redisDenylist(options.redis) : memoryDenylist(() => clock.now().getTime()),
    memberQuota: options.memberQuota,
    onTenantApproved: options.onTenantApproved,
    memberRank: options.memberRank,
    onMemberRemoved: options.onMemberRemoved,
  };
};
