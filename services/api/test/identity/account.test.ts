import { queryRows } from '@tenantry/db';
import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IdentityMail, startIdentityMail, tokenIn } from './mail-support';
import {
  activeTenant,
  createIdentityTestApp,
  createSuperadmin,
  type IdentityTestApp,
  loginAs,
  signupTenant,
  strongPassword,
  uniqueName,
} from './support';

const newPassword = 'a brand new passphrase 2026';

describe('account: password reset and change, e-mail verification and change', () => {
  let t: IdentityTestApp;
  let mail: IdentityMail;
  let root: string;
  let offsetMs = 0;
  const clock = { now: () => new Date(Date.now() + offsetMs) };

  beforeAll(async () => {
    t = await createIdentityTestApp({ clock });
    mail = await startIdentityMail(t);
    root = (await createSuperadmin(t)).accessToken;
  });
  afterAll(async () => {
    await t?.close();
    await mail?.close();
  });

  const post = (url: string, body?: unknown, token?: string) => t.call({ method: 'POST', url, body, token });
  const me = (token: string) => t.call({ method: 'GET', url: '/v1/auth/me', token });
  const refresh = (refreshToken: string) => post('/v1/auth/refresh', { refreshToken });
  const login = (email: string, password: string, tenantSlug?: string) =>
    post('/v1/auth/login', { email, password, ...(tenantSlug ? { tenantSlug } : {}) });

  const mailTo = (to: string, subject: string) => mail.newest(to, subject);
  const resetTokenFor = async (email: string) => {
    const requested = await post('/v1/auth/password-reset/request', { email });
    expect(requested.status).toBe(202);
    return tokenIn(await mailTo(email, 'Reset your password'));
  };
  const auditActions = (tenantId: string | null, userId: string, action: string) => {
    const query = sql`select action from audit_events where action = ${action} and actor_id = ${userId}`;
    return tenantId
      ? t.db.router.withTenant(tenantId, (tx) => queryRows<{ action: string }>(tx, query))
      : t.db.router.withPlatform((tx) => queryRows<{ action: string }>(tx, query));
  };

  describe('password reset over e-mail', () => {
    it('answers an unknown address exactly like a known one, and mails only the known one', async () => {
      const owner = await activeTenant(t, root, 'forgot');
      const unknown = uniqueName('nobody').email;
      const forUnknown = await post('/v1/auth/password-reset/request', { email: unknown });
      const forOwner = await post('/v1/auth/password-reset/request', { email: owner.email.toUpperCase() });
      expect(forUnknown.status).toBe(202);
      expect(forOwner.status).toBe(202);
      expect(forUnknown.body).toEqual(forOwner.body);
      expect(forOwner.body).toEqual({ data: { accepted: true } });

      const message = await mailTo(owner.email, 'Reset your password');
      expect(mail.messagesTo(unknown, '')).toEqual([]);
      expect(message.text).toContain('http://tenantry.test/reset-password?token=');
      const token = tokenIn(message);

      // A weak password is refused without using the token up.
      const weak = await post('/v1/auth/password-reset/confirm', { token, password: 'qwertyuiop' });
      expect(weak.status).toBe(422);
      expect(weak.body.error.code).toBe('WEAK_PASSWORD');

      const reset = await post('/v1/auth/password-reset/confirm', { token, password: newPassword });
      expect(reset.status, JSON.stringify(reset.body)).toBe(200);
      const again = await post('/v1/auth/password-reset/confirm', { token, password: `${newPassword}!` });
      expect(again.status).toBe(401);
      expect(again.body.error.code).toBe('INVALID_TOKEN');

      // Every session of before the reset is over; the old password is too.
      expect((await me(owner.tokens.accessToken)).status).toBe(401);
      expect((await refresh(owner.tokens.refreshToken)).status).toBe(401);
      expect((await login(owner.email, strongPassword, owner.slug)).status).toBe(401);
      const fresh = await loginAs(t, owner.email, owner.slug, newPassword);
      expect((await me(fresh.accessToken)).body.data.emailVerified).toBe(true);
      expect(await auditActions(null, owner.userId, 'security.password.reset')).toHaveLength(1);
    });

    it('refuses a made-up or expired token', async () => {
      const made = await post('/v1/auth/password-reset/confirm', {
        token: 'x'.repeat(43),
        password: newPassword,
      });
      expect(made.status).toBe(401);
      const owner = await activeTenant(t, root, 'late');
      const token = await resetTokenFor(owner.email);
      offsetMs += 31 * 60_000;
      const late = await post('/v1/auth/password-reset/confirm', { token, password: newPassword });
      expect(late.status).toBe(401);
      expect(late.body.error.code).toBe('INVALID_TOKEN');
      // The superadmin's access token aged with the clock.
      root = (await loginAs(t, 'root@platform.test')).accessToken;
    });

    it('asks an account with MFA for a code, keeping the token until a right one comes', async () => {
      const owner = await activeTenant(t, root, 'mfareset');
      const codeAt = (secret: string, stepsAhead: number) =>
        generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) + stepsAhead * 30 });
      const setup = await post('/v1/auth/mfa/setup', undefined, owner.tokens.accessToken);
      const secret = setup.body.data.secret as string;
      const enabled = await post(
        '/v1/auth/mfa/enable',
        { password: strongPassword, code: await codeAt(secret, 0) },
        owner.tokens.accessToken,
      );
      expect(enabled.status).toBe(200);

      const token = await resetTokenFor(owner.email);
      const withoutCode = await post('/v1/auth/password-reset/confirm', { token, password: newPassword });
      expect(withoutCode.status).toBe(401);
      expect(withoutCode.body.error.code).toBe('MFA_REQUIRED');
      const wrongCode = await post('/v1/auth/password-reset/confirm', {
        token,
        password: newPassword,
        mfaCode: '000000',
      });
      expect(wrongCode.status).toBe(401);
      expect(wrongCode.body.error.code).toBe('INVALID_MFA_CODE');

      const reset = await post('/v1/auth/password-reset/confirm', {
        token,
        password: newPassword,
        mfaCode: await codeAt(secret, 1),
      });
      expect(reset.status, JSON.stringify(reset.body)).toBe(200);
      expect((await me(owner.tokens.accessToken)).status).toBe(401);
      expect((await login(owner.email, strongPassword, owner.slug)).status).toBe(401);
      // MFA stays on: the new password leads to the second step, not to tokens.
      const next = await login(owner.email, newPassword, owner.slug);
      expect(next.body.data).toMatchObject({ mfaRequired: true });
    });
  });

  describe('password change', () => {
    it('needs the current password, refuses a common one, and ends every session', async () => {
      const owner = await activeTenant(t, root, 'change');
      const other = await loginAs(t, owner.email, owner.slug);
      const change = (body: object) => post('/v1/auth/password', body, owner.tokens.accessToken);

      const wrong = await change({ currentPassword: 'not the password at all', newPassword });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
      for (const common of ['password1234', '1234567890']) {
        const refused = await change({ currentPassword: strongPassword, newPassword: common });
        expect(refused.status).toBe(422);
        expect(refused.body.error.code).toBe('WEAK_PASSWORD');
      }

      const changed = await change({ currentPassword: strongPassword, newPassword });
      expect(changed.status).toBe(200);
      for (const session of [owner.tokens, other]) {
        expect((await me(session.accessToken)).status).toBe(401);
        expect((await refresh(session.refreshToken)).status).toBe(401);
      }
      expect((await login(owner.email, strongPassword, owner.slug)).status).toBe(401);
      await loginAs(t, owner.email, owner.slug, newPassword);
      expect(await auditActions(owner.tenantId, owner.userId, 'security.password.changed')).toHaveLength(1);
    });
  });

  describe('e-mail verification and change', () => {
    it('verifies the address with the link of the sign-up e-mail, once', async () => {
      const tenant = await signupTenant(t, 'verify');
      const session = await loginAs(t, tenant.email);
      const profile = await me(session.accessToken);
      expect(Object.keys(profile.body.data).sort()).toEqual(
        ['email', 'emailVerified', 'id', 'mfaEnabled', 'name', 'roles', 'tenantId'].sort(),
      );
      expect(profile.body.data).toMatchObject({ emailVerified: false, tenantId: tenant.tenantId });

      const token = tokenIn(await mailTo(tenant.email, 'Confirm your e-mail address'));
      expect((await post('/v1/auth/verify-email', { token })).status).toBe(200);
      expect((await me(session.accessToken)).body.data.emailVerified).toBe(true);
      const again = await post('/v1/auth/verify-email', { token });
      expect(again.status).toBe(401);
    });

    it('resends the verification e-mail with a new link; the earlier link ends', async () => {
      const tenant = await signupTenant(t, 'resend');
      const session = await loginAs(t, tenant.email);
      const first = tokenIn(await mailTo(tenant.email, 'Confirm your e-mail address'));
      const resent = await post('/v1/auth/verify-email/resend', undefined, session.accessToken);
      expect(resent.status).toBe(202);
      const second = tokenIn(await mailTo(tenant.email, 'Confirm your e-mail address'));
      expect(second).not.toBe(first);
      expect((await post('/v1/auth/verify-email', { token: first })).status).toBe(401);
      expect((await post('/v1/auth/verify-email', { token: second })).status).toBe(200);
    });

    it('changes the address with the password, refusing one already taken', async () => {
      const owner = await activeTenant(t, root, 'move');
      const neighbour = await activeTenant(t, root, 'neighbour');
      const change = (body: object) => post('/v1/auth/email', body, owner.tokens.accessToken);

      const wrong = await change({ password: 'not the password at all', newEmail: uniqueName('m').email });
      expect(wrong.status).toBe(401);
      const taken = await change({ password: strongPassword, newEmail: neighbour.email });
      expect(taken.status).toBe(409);
      expect(taken.body.error.code).toBe('CONFLICT');

      const newEmail = uniqueName('moved').email;
      const changed = await change({ password: strongPassword, newEmail: newEmail.toUpperCase() });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(changed.body.data).toEqual({ email: newEmail, emailVerified: false });
      expect((await me(owner.tokens.accessToken)).body.data).toMatchObject({
        email: newEmail,
        emailVerified: false,
      });

      const token = tokenIn(await mailTo(newEmail, 'Confirm your e-mail address'));
      expect((await post('/v1/auth/verify-email', { token })).status).toBe(200);
      expect((await login(owner.email, strongPassword, owner.slug)).status).toBe(401);
      await loginAs(t, newEmail, owner.slug);
      expect(await auditActions(owner.tenantId, owner.userId, 'security.email.changed')).toHaveLength(1);
    });
  });
});
