import { appendEvent } from '@tenantry/outbox';
import type { IdentityDeps, RequestMeta } from './deps';
import { identityErrors } from './errors';
import { identityEvents } from './events';
import { assertAcceptablePassword, hashPassword } from './passwords';
import { auditPlatformIn } from './security-audit';
import { findTenantBySlug, insertTenant } from './tenants.repository';
import { findUserByEmail, insertMembership, insertUser, normalizeEmail } from './users.repository';

export interface SignupInput {
  tenantName: string;
  tenantSlug: string;
  email: string;
  password: string;
  name: string;
}

/**
 * POST /v1/auth/signup: a pending tenant owned by the caller. The
 * verification e-mail goes out through the outbox once this commits.
 */
export const signup = async (deps: IdentityDeps, input: SignupInput, meta: RequestMeta) => {
  const email = normalizeEmail(input.email);
  assertAcceptablePassword(input.password, { email });
  const passwordHash = await hashPassword(input.password);
  return deps.db.router.withPlatform(async (tx) => {
    if (await findTenantBySlug(tx, input.tenantSlug)) {
      throw identityErrors.conflict('This tenant slug is taken', { field: 'tenantSlug' });
    }
    if (await findUserByEmail(tx, email)) {
      throw identityErrors.conflict('This e-mail is already registered; sign in instead', { field: 'email' });
    }
    const now = deps.clock.now();
    const userId = deps.newId();
    const tenantId = deps.newId();
    await insertUser(tx, { id: userId, email, name: input.name, passwordHash, createdAt: now });
    await insertTenant(tx, {
      id: tenantId,
      slug: input.tenantSlug,
      name: input.tenantName,
      status: 'pending',
      ownerUserId: userId,
      createdAt: now,
    });
    await insertMembership(tx, { tenantId, userId, role: 'owner', createdAt: now });
    await appendEvent(
      tx,
      {
        tenantId: null,
        type: identityEvents.tenantRegistered,
        entityId: tenantId,
        data: { tenantId, slug: input.tenantSlug, name: input.tenantName, ownerUserId: userId },
      },
      deps,
    );
    const tenant = { id: tenantId, status: 'pending' };
    await auditPlatformIn(
      tx,
      deps,
      {
        tenant,
        actor: { type: 'user', id: userId },
        action: 'user.registered',
        entity: { type: 'user', id: userId },
      },
      meta,
    );
    await auditPlatformIn(
      tx,
      deps,
      {
        tenant,
        actor: { type: 'user', id: userId },
        action: 'tenant.registered',
        entity: { type: 'tenant', id: tenantId },
        after: { slug: input.tenantSlug, name: input.tenantName, status: 'pending' },
      },
      meta,
    );
    return {
      tenant: {
        id: tenantId,
        slug: input.tenantSlug,
        name: input.tenantName,
        status: 'pending' as const,
        createdAt: now,
      },
      user: { id: userId, email, name: input.name },
    };
  });
};
