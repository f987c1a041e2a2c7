import { type Principal, tenantScopeOf, validationError } from '@tenantry/core';
import { appendEvent } from '@tenantry/outbox';
import type { IdentityDeps, RequestMeta } from './deps';
import { identityErrors } from './errors';
import { identityEvents } from './events';
import { type InvitationCreatedData, parseInvitationToken } from './invitation-email';
import {
  findInvitationByTokenHash,
  findOpenInvitationByEmail,
  type InvitationRow,
  insertInvitation,
  listOpenInvitations,
  markInvitationAccepted,
  revokeInvitation,
} from './invitations.repository';
import { rankOfPrincipal, workInTenant } from './members.service';
import { assertAcceptablePassword, hashPassword } from './passwords';
import { identityPermissions, rankOfRole } from './permissions';
import { sha256 } from './secrets';
import { auditTenantIn } from './security-audit';
import { findTenant } from './tenants.repository';
import {
  findMembership,
  findUserByEmail,
  insertMembership,
  insertUser,
  normalizeEmail,
  type UserRow,
} from './users.repository';

/** An open invitation as the tenant's admins see it; the token and its hash never leave. */
const invitationView = (row: InvitationRow, now: Date) => ({
  id: row.id,
  email: row.email,
  role: row.role,
  status: row.expiresAt > now ? ('pending' as const) : ('expired' as const),
  invitedBy: row.invitedBy,
  expiresAt: row.expiresAt,
  createdAt: row.createdAt,
});

/**
 * POST /v1/tenants/current/invitations. The invitation, its event and its
 * audit row commit together in the tenant's storage; the e-mail composer
 * mints the token later, in the transaction that sends it.
 */
export const createInvitation = async (
  deps: IdentityDeps,
  principal: Principal,
  input: { email: string; role: string },
  meta: RequestMeta,
) => {
  const tenantId = tenantScopeOf(principal, identityPermissions.invitationManage);
  if (rankOfRole(input.role) > rankOfPrincipal(principal)) throw identityErrors.roleAboveOwn();
  const email = normalizeEmail(input.email);
  const tenant = await deps.db.router.withPlatform(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (user && (await findMembership(tx, tenantId, user.id))) {
      throw identityErrors.conflict('This person is already a member', { field: 'email' });
    }
    // A tenant at its member limit cannot invite: the acceptance would be refused anyway.
    await deps.memberQuota?.check(tx, tenantId, { adding: 1, preview: true });
    return findTenant(tx, tenantId);
  });
  if (!tenant) throw identityErrors.notFound('Tenant');
  const now = deps.clock.now();
  const row: InvitationRow = {
    tenantId,
    id: deps.newId(),
    email,
    role: input.role,
    invitedBy: principal.id,
    tokenHash: null,
    expiresAt: new Date(now.getTime() + deps.config.invitationTtlSeconds * 1000),
    acceptedAt: null,
    acceptedBy: null,
    revokedAt: null,
    createdAt: now,
  };
  await workInTenant(deps, principal, identityPermissions.invitationManage, meta, async (tx, _, audit) => {
    const earlier = await findOpenInvitationByEmail(tx, tenantId, email);
    if (earlier && earlier.expiresAt > now) {
      throw identityErrors.conflict('An open invitation for this e-mail exists', { field: 'email' });
    }
    // An expired invitation still holds the one-per-e-mail slot: inviting again replaces it.
    if (earlier) await revokeInvitation(tx, tenantId, earlier.id, now);
    await insertInvitation(tx, row);
    const data: InvitationCreatedData = {
      invitationId: row.id,
      email,
      role: row.role,
      tenantName: tenant.name,
    };
    await appendEvent(tx, { tenantId, type: identityEvents.invitationCreated, entityId: row.id, data }, deps);
    await audit({
      action: 'invitation.created',
      entity: { type: 'invitation', id: row.id },
      after: { email, role: row.role },
    });
  });
  return invitationView(row, now);
};

/** GET /v1/tenants/current/invitations: open ones, newest first, each pending or expired. */
export const listInvitations = async (deps: IdentityDeps, principal: Principal) => {
  const tenantId = tenantScopeOf(principal, identityPermissions.invitationManage);
  const rows = await deps.db.router.withTenant(tenantId, (tx) => listOpenInvitations(tx, tenantId));
  const now = deps.clock.now();
  return rows.map((row) => invitationView(row, now));
};

/** DELETE /v1/tenants/current/invitations/:id: its link stops working at once. */
export const revokeTenantInvitation = async (
  deps: IdentityDeps,
  principal: Principal,
  id: string,
  meta: RequestMeta,
): Promise<void> => {
  await workInTenant(
    deps,
    principal,
    identityPermissions.invitationManage,
    meta,
    async (tx, tenantId, audit) => {
      const row = await revokeInvitation(tx, tenantId, id, deps.clock.now());
      if (!row) throw identityErrors.notFound('Invitation');
      await audit({
        action: 'invitation.revoked',
        entity: { type: 'invitation', id },
        metadata: { email: row.email, role: row.role },
      });
    },
  );
};

export interface AcceptInvitationInput {
  token: string;
  /** Required only when no account has the invited e-mail yet. */
  name?: string;
  password?: string;
}

/** The open, unexpired invitation a token names, with its (active) tenant; anything else is INVALID_TOKEN. */
const invitationOfToken = async (deps: IdentityDeps, token: string) => {
  const parsed = parseInvitationToken(token);
  if (!parsed) throw identityErrors.invalidToken();
  const tenant = await deps.db.router.withPlatform((tx) => findTenant(tx, parsed.tenantId));
  if (!tenant || tenant.status === 'pending') throw identityErrors.invalidToken();
  if (tenant.status === 'suspended') throw identityErrors.tenantSuspended();
  const invitation = await deps.db.router.withTenant(tenant.id, (tx) =>
    findInvitationByTokenHash(tx, tenant.id, sha256(token)),
  );
  const usable =
    invitation && !invitation.acceptedAt && !invitation.revokedAt && invitation.expiresAt > deps.clock.now();
  if (!usable) throw identityErrors.invalidToken();
  return { tenant, invitation };
};

/** A new account's name and password hash; the password policy applies as at sign-up. */
const newAccountOf = async (input: AcceptInvitationInput, email: string) => {
  if (!input.name || !input.password) {
    throw validationError('A new account needs a name and a password', {
      status: 422,
      details: { fields: ['name', 'password'].filter((field) => !input[field as 'name' | 'password']) },
    });
  }
  assertAcceptablePassword(input.password, { email });
  return { name: input.name, passwordHash: await hashPassword(input.password) };
};

/**
 * POST /v1/auth/invitations/accept. The membership (platform directory) is
 * written first and the invitation marked accepted (tenant storage) second,
 * in two transactions: a failure in between leaves a token that simply works
 * again, finding the account and the membership already there.
 */
export const acceptInvitation = async (
  deps: IdentityDeps,
  input: AcceptInvitationInput,
  meta: RequestMeta,
) => {
  const { tenant, invitation } = await invitationOfToken(deps, input.token);
  const email = invitation.email;
  const known = await deps.db.router.withPlatform((tx) => findUserByEmail(tx, email));
  // An existing account keeps its name and password: the token proves the e-mail, not a new password.
  const account = known ? null : await newAccountOf(input, email);
  const now = deps.clock.now();
  const { user, role, created } = await deps.db.router.withPlatform(async (tx) => {
    let found: Pick<UserRow, 'id' | 'email' | 'name'> | null = await findUserByEmail(tx, email);
    const created = !found && account !== null;
    if (!found && account) {
      found = { id: deps.newId(), email, name: account.name };
      await insertUser(tx, {
        ...found,
        passwordHash: account.passwordHash,
        emailVerifiedAt: now,
        createdAt: now,
      });
    }
    // The account looked up a moment ago is gone (deleted meanwhile): the token cannot be used now.
    if (!found) throw identityErrors.invalidToken();
    const membership = await findMembership(tx, tenant.id, found.id);
    if (!membership) {
      await deps.memberQuota?.check(tx, tenant.id, { adding: 1 });
      await insertMembership(tx, {
        tenantId: tenant.id,
        userId: found.id,
        role: invitation.role,
        createdAt: now,
      });
    }
    return { user: found, role: membership?.role ?? invitation.role, created };
  });
  await deps.db.router.withTenant(tenant.id, async (tx) => {
    // A concurrent accept of the same token may have won: it wrote the trail.
    if (!(await markInvitationAccepted(tx, tenant.id, invitation.id, user.id, now))) return;
    const actor = { type: 'user' as const, id: user.id };
    await auditTenantIn(
      tx,
      deps,
      tenant.id,
      {
        actor,
        action: 'invitation.accepted',
        entity: { type: 'invitation', id: invitation.id },
        metadata: { newAccount: created },
      },
      meta,
    );
    await auditTenantIn(
      tx,
      deps,
      tenant.id,
      {
        actor,
        action: 'member.added',
        entity: { type: 'user', id: user.id },
        after: { role },
        metadata: { invitationId: invitation.id },
      },
      meta,
    );
  });
  return {
    user: { id: user.id, email: user.email, name: user.name },
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    role,
  };
};
