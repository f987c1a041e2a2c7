import type { IdentityDeps, RequestMeta } from './deps';
import { identityErrors } from './errors';
import { assertAcceptablePassword, hashPassword } from './passwords';
import { auditPlatformIn } from './security-audit';
import {
  findUserByEmail,
  insertUser,
  lockSuperadminSetup,
  normalizeEmail,
  superadminExists,
} from './users.repository';

export interface NewSuperadmin {
  email: string;
  password: string;
  name: string;
}

/**
 * Creates the first superadmin. Works only while none exists: afterwards
 * superadmins are invited by superadmins, never created anonymously.
 */
export const setupFirstSuperadmin = async (
  deps: IdentityDeps,
  input: NewSuperadmin,
  meta: RequestMeta,
): Promise<{ id: string; email: string; name: string }> => {
  const email = normalizeEmail(input.email);
  assertAcceptablePassword(input.password, { email });
  const passwordHash = await hashPassword(input.password);
  return deps.db.router.withPlatform(async (tx) => {
    await lockSuperadminSetup(tx);
    if (await superadminExists(tx)) throw identityErrors.alreadySetUp();
    if (await findUserByEmail(tx, email)) throw identityErrors.conflict('This e-mail is already registered');
    const id = deps.newId();
    const now = deps.clock.now();
    await insertUser(tx, {
      id,
      email,
      name: input.name,
      passwordHash,
      isSuperadmin: true,
      emailVerifiedAt: now,
      createdAt: now,
    });
    await auditPlatformIn(
      tx,
      deps,
      {
        tenant: null,
        actor: { type: 'system', id: null },
        action: 'superadmin.created',
        entity: { type: 'user', id },
      },
      meta,
    );
    return { id, email, name: input.name };
  });
};

/**
 * Unattended installs: SUPERADMIN_EMAIL and SUPERADMIN_PASSWORD create the
 * first superadmin at start, once. Returns whether one had to be created.
 */
export const ensureBootstrapSuperadmin = async (
  deps: IdentityDeps,
): Promise<'created' | 'exists' | 'unset'> => {
  const wanted = deps.config.bootstrapSuperadmin;
  if (!wanted) {
    return (await deps.db.router.withPlatform((tx) => superadminExists(tx))) ? 'exists' : 'unset';
  }
  try {
    await setupFirstSuperadmin(deps, wanted, { ip: '127.0.0.1', requestId: 'bootstrap' });
    return 'created';
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ALREADY_SET_UP') return 'exists';
    throw error;
  }
};

export const superadminSetupOpen = async (deps: IdentityDeps): Promise<boolean> =>
  !(await deps.db.router.withPlatform((tx) => superadminExists(tx)));
