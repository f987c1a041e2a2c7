import type { Clock, IdGenerator } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
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
}

/** Who asked, where from: carried into audit rows and login attempts. */
export interface RequestMeta {
  ip: string;
  userAgent?: string | null;
  requestId?: string | null;
}
