import { createHash } from 'node:crypto';
import { queryRows } from '@tenantry/db';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activeTenant, loginAs, strongPassword, uniqueName } from './support';
import {
  acceptInvitation,
  addMember,
  auditActionsAbout,
  expectRefused,
  invite,
  type TenantAdminApp,
  useTenantAdminApp,
} from './tenant-admin-support';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const openInvitations = ({ t }: TenantAdminApp, token: string) =>
  t.call({ method: 'GET', url: '/v1/tenants/current/invitations', token });

describe('invitations: invite by e-mail, accept by link', () => {
  const app = useTenantAdminApp();

  it('invites a new person, who sets a name and password from the e-mailed link and signs in', async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'welcoming');
    const { email } = uniqueName('newcomer');
    const invited = await invite(t, tenant.tokens.accessToken, {
      email: email.toUpperCase(),
      role: 'manager',
    });
    expect(invited.status).toBe(201);
    expect(invited.body.data).toMatchObject({
      email,
      role: 'manager',
      status: 'pending',
      invitedBy: tenant.userId,
    });
    expect(Object.keys(invited.body.data).sort()).toEqual(
      ['createdAt', 'email', 'expiresAt', 'id', 'invitedBy', 'role', 'status'].sort(),
    );
    const invitationId = invited.body.data.id as string;

    // The event sits in the tenant's own outbox and carries no secret.
    const [event] = await t.db.router.withTenant(tenant.tenantId, (tx) =>
      queryRows<{ tenant_id: string; data: Record<string, unknown> }>(
        tx,
        sql`select tenant_id, data from event_outbox where entity_id = ${invitationId}`,
      ),
    );
    expect(event).toEqual({
      tenant_id: tenant.tenantId,
      data: { invitationId, email, role: 'manager', tenantName: 'welcoming Ltd' },
    });

    const token = await mail.tokenFor(email);
    const [message] = mail.messagesTo(email);
    expect(message?.text).toContain('http://tenantry.test/accept-invitation?token=');
    expect(message?.text).toContain('"welcoming Ltd"');
    expect(token).toMatch(new RegExp(`^inv_${tenant.tenantId.replaceAll('-', '')}_`));
    const [stored] = await t.db.router.withTenant(tenant.tenantId, (tx) =>
      queryRows<{ token_hash: string }>(
        tx,
        sql`select token_hash from invitations where id = ${invitationId}`,
      ),
    );
    expect(stored?.token_hash).toBe(sha256(token));

    expectRefused(await acceptInvitation(t, { token }), 422);
    const weak = await acceptInvitation(t, { token, name: 'New Comer', password: 'password123' });
    expectRefused(weak, 422, 'WEAK_PASSWORD');

    const accepted = await acceptInvitation(t, { token, name: 'New Comer', password: strongPassword });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.data).toMatchObject({
      user: { email, name: 'New Comer' },
      tenant: { id: tenant.tenantId, slug: tenant.slug },
      role: 'manager',
    });
    const userId = accepted.body.data.user.id as string;
    const [user] = await t.db.router.withPlatform((tx) =>
      queryRows<{ email_verified_at: Date | null }>(
        tx,
        sql`select email_verified_at from users where id = ${userId}`,
      ),
    );
    expect(user?.email_verified_at).not.toBeNull();

    const again = await acceptInvitation(t, { token, name: 'New Comer', password: strongPassword });
    expectRefused(again, 401, 'INVALID_TOKEN');

    // One tenant: no slug needed; the role holds from the first request.
    const signedIn = await loginAs(t, email);
    const members = await t.call({
      method: 'GET',
      url: '/v1/tenants/current/members',
      token: signedIn.accessToken,
    });
    expect(members.status).toBe(200);
    expect(members.body.data).toContainEqual(expect.objectContaining({ userId, email, role: 'manager' }));

    expect((await openInvitations(app, tenant.tokens.accessToken)).body.data).toEqual([]);
    expect(await auditActionsAbout(t, tenant.tenantId, invitationId)).toEqual([
      'invitation.created',
      'invitation.accepted',
    ]);
    expect(await auditActionsAbout(t, tenant.tenantId, userId)).toEqual(['member.added']);
  });

  it('adds an existing account to a second tenant, which it must then name at login', async () => {
    const { t, mail, root } = app;
    const first = await activeTenant(t, root, 'first');
    // The second tenant keeps its data in its own schema: the token and invitation live there.
    const second = await activeTenant(t, root, 'second', 'schema');
    const invited = await invite(t, second.tokens.accessToken, { email: first.email, role: 'viewer' });
    expect(invited.status).toBe(201);

    const token = await mail.tokenFor(first.email);
    // An existing account keeps its password: one given with the token is ignored.
    const accepted = await acceptInvitation(t, { token, password: 'an attempt to take over 99' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.data).toMatchObject({
      user: { id: first.userId, email: first.email },
      tenant: { id: second.tenantId },
      role: 'viewer',
    });

    const ambiguous = await t.call({
      method: 'POST',
      url: '/v1/auth/login',
      body: { email: first.email, password: strongPassword },
    });
    expectRefused(ambiguous, 422, 'TENANT_REQUIRED');
    expect(
      ambiguous.body.error.details.tenants.map((tenant: { slug: string }) => tenant.slug).sort(),
    ).toEqual([first.slug, second.slug].sort());

    const inSecond = await loginAs(t, first.email, second.slug);
    const current = await t.call({ method: 'GET', url: '/v1/tenants/current', token: inSecond.accessToken });
    expect(current.body.data).toMatchObject({ id: second.tenantId });
    // A viewer of the second tenant, still the owner of the first.
    const members = (token: string) => t.call({ method: 'GET', url: '/v1/tenants/current/members', token });
    expect((await members(inSecond.accessToken)).status).toBe(403);
    expect((await members((await loginAs(t, first.email, first.slug)).accessToken)).status).toBe(200);
    expect(await auditActionsAbout(t, second.tenantId, first.userId)).toEqual(['member.added']);
  });

  it('refuses a revoked invitation, and a token of another tenant or of no shape', async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'revoking');
    const { email } = uniqueName('revoked');
    const invited = await invite(t, tenant.tokens.accessToken, { email, role: 'member' });
    const token = await mail.tokenFor(email);
    const revoke = () =>
      t.call({
        method: 'DELETE',
        url: `/v1/tenants/current/invitations/${invited.body.data.id}`,
        token: tenant.tokens.accessToken,
      });
    expect((await revoke()).status).toBe(200);
    expectRefused(await revoke(), 404);
    expect(await auditActionsAbout(t, tenant.tenantId, invited.body.data.id)).toEqual([
      'invitation.created',
      'invitation.revoked',
    ]);

    const other = await activeTenant(t, root, 'elsewhere');
    const forged = token.replace(tenant.tenantId.replaceAll('-', ''), other.tenantId.replaceAll('-', ''));
    for (const attempt of [token, forged, 'inv_nonsense', `${token}x`]) {
      const refused = await acceptInvitation(t, { token: attempt, name: 'Nobody', password: strongPassword });
      expectRefused(refused, 401, 'INVALID_TOKEN');
    }

    // Revoking freed the e-mail: a new invitation works, with a new link.
    expect((await invite(t, tenant.tokens.accessToken, { email, role: 'member' })).status).toBe(201);
    const fresh = await mail.tokenFor(email);
    expect(fresh).not.toBe(token);
    const accepted = await acceptInvitation(t, {
      token: fresh,
      name: 'Back Again',
      password: strongPassword,
    });
    expect(accepted.status).toBe(200);
  });

  it('refuses roles above the inviter’s, existing members and a second open invitation', async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'ranks');
    const admin = await addMember(t, mail, tenant, 'admin');
    const manager = await addMember(t, mail, tenant, 'manager');
    const { email } = uniqueName('candidate');

    expectRefused(await invite(t, admin.tokens.accessToken, { email, role: 'owner' }), 403, 'ROLE_ABOVE_OWN');
    // A manager has no invitation permission at all.
    expectRefused(await invite(t, manager.tokens.accessToken, { email, role: 'viewer' }), 403);
    expectRefused(await invite(t, admin.tokens.accessToken, { email, role: 'emperor' }), 400);

    expect((await invite(t, admin.tokens.accessToken, { email, role: 'admin' })).status).toBe(201);
    expectRefused(await invite(t, tenant.tokens.accessToken, { email, role: 'viewer' }), 409);
    expectRefused(await invite(t, tenant.tokens.accessToken, { email: manager.email, role: 'viewer' }), 409);

    expect((await openInvitations(app, admin.tokens.accessToken)).body.data).toEqual([
      expect.objectContaining({ email, role: 'admin', status: 'pending' }),
    ]);
  });
});

describe('invitations: expiry', () => {
  const app = useTenantAdminApp({ invitationTtlSeconds: 1 });

  it('refuses an expired invitation, lists it as expired, and lets it be sent again', async () => {
    const { t, mail, root } = app;
    const tenant = await activeTenant(t, root, 'expiring', 'schema');
    const { email } = uniqueName('late');
    const invited = await invite(t, tenant.tokens.accessToken, { email, role: 'member' });
    expect(invited.status).toBe(201);
    const token = await mail.tokenFor(email);
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    const late = await acceptInvitation(t, { token, name: 'Too Late', password: strongPassword });
    expectRefused(late, 401, 'INVALID_TOKEN');
    expect((await openInvitations(app, tenant.tokens.accessToken)).body.data).toEqual([
      expect.objectContaining({ id: invited.body.data.id, status: 'expired' }),
    ]);

    // An expired invitation does not block the e-mail: inviting again replaces it.
    const again = await invite(t, tenant.tokens.accessToken, { email, role: 'member' });
    expect(again.status).toBe(201);
    const replaced = await openInvitations(app, tenant.tokens.accessToken);
    expect(replaced.body.data.map((invitation: { id: string }) => invitation.id)).toEqual([
      again.body.data.id,
    ]);
  });
});
