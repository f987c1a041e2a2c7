import { createHash } from 'node:crypto';
import { queryRows } from '@tenantry/db';
import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeTenant,
  type CallOptions,
  createIdentityTestApp,
  createSuperadmin,
  type IdentityTestApp,
  loginAs,
  strongPassword,
} from './support';

/** Real time plus an offset the test moves forward, one TOTP step (30 s) at a time. */
const steppingClock = () => {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    nextStep: () => {
      offsetMs += 30_000;
    },
  };
};

describe('TOTP multi-factor authentication', () => {
  let t: IdentityTestApp;
  let root: string;
  const clock = steppingClock();
  /** Every response body of this file, and which one handed out each secret. */
  const bodies: string[] = [];
  const secretIssuedIn = new Map<string, number>();

  beforeAll(async () => {
    t = await createIdentityTestApp({ clock });
    const call = t.call.bind(t);
    t.call = async (request: CallOptions) => {
      const response = await call(request);
      bodies.push(JSON.stringify(response.body));
      return response;
    };
    root = (await createSuperadmin(t)).accessToken;
  });
  afterAll(() => t?.close());

  const codeOf = (secret: string) => generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });
  const post = (url: string, body: unknown, token?: string) => t.call({ method: 'POST', url, body, token });
  const me = (token: string) => t.call({ method: 'GET', url: '/v1/auth/me', token });

  /** A wrong password (with a right code), then a wrong code (with the right password): both refused. */
  const expectPasswordAndCodeRequired = async (url: string, token: string, secret: string) => {
    const wrongPassword = await post(
      url,
      { password: 'not the password at all', code: await codeOf(secret) },
      token,
    );
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.error.code).toBe('INVALID_CREDENTIALS');
    const wrongCode = await post(url, { password: strongPassword, code: '000000' }, token);
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.body.error.code).toBe('INVALID_MFA_CODE');
  };

  /** An active tenant's owner with MFA on: its secret, recovery codes and login details. */
  const ownerWithMfa = async (stem: string) => {
    const owner = await activeTenant(t, root, stem);
    const setup = await post('/v1/auth/mfa/setup', undefined, owner.tokens.accessToken);
    expect(setup.status, JSON.stringify(setup.body)).toBe(200);
    const secret = setup.body.data.secret as string;
    secretIssuedIn.set(secret, bodies.length - 1);
    const enablingCode = await codeOf(secret);
    const enabled = await post(
      '/v1/auth/mfa/enable',
      { password: strongPassword, code: enablingCode },
      owner.tokens.accessToken,
    );
    expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
    return { ...owner, secret, enablingCode, recoveryCodes: enabled.body.data.recoveryCodes as string[] };
  };

  const passwordStep = async (owner: { email: string; slug: string }) => {
    const response = await post('/v1/auth/login', {
      email: owner.email,
      password: strongPassword,
      tenantSlug: owner.slug,
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ mfaRequired: true });
    expect(response.body.data).not.toHaveProperty('accessToken');
    return response.body.data.mfaToken as string;
  };

  it('enrols with a secret and QR code, and turns on only with the password and a valid code', async () => {
    const owner = await activeTenant(t, root, 'enrol');
    const token = owner.tokens.accessToken;
    const setup = await post('/v1/auth/mfa/setup', undefined, token);
    expect(setup.status).toBe(200);
    const { secret, otpauthUrl, qrCodeDataUrl } = setup.body.data;
    secretIssuedIn.set(secret, bodies.length - 1);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Tenantry:/);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);

    await expectPasswordAndCodeRequired('/v1/auth/mfa/enable', token, secret);
    expect((await me(token)).body.data.mfaEnabled).toBe(false);

    const enabled = await post(
      '/v1/auth/mfa/enable',
      { password: strongPassword, code: await codeOf(secret) },
      token,
    );
    expect(enabled.status).toBe(200);
    const codes = enabled.body.data.recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await me(token)).body.data).toMatchObject({ mfaEnabled: true, email: owner.email });

    const again = await post('/v1/auth/mfa/setup', undefined, token);
    expect(again.status).toBe(409);

    // Recovery codes are kept as SHA-256 only.
    const stored = await t.db.router.withPlatform((tx) =>
      queryRows<{ code_hash: string }>(
        tx,
        sql`select code_hash from recovery_codes where user_id = ${owner.userId}`,
      ),
    );
    const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
    expect(stored.map((row) => row.code_hash).sort()).toEqual(
      codes.map((code) => sha256(code.replace('-', ''))).sort(),
    );

    const audit = await t.db.router.withTenant(owner.tenantId, (tx) =>
      queryRows<{ action: string }>(
        tx,
        sql`select action from audit_events where action = 'security.mfa.enabled' and actor_id = ${owner.userId}`,
      ),
    );
    expect(audit).toHaveLength(1);
  });

  it('signs in in two steps: password, then a fresh code', async () => {
    const owner = await ownerWithMfa('twostep');
    const mfaToken = await passwordStep(owner);

    // The MFA token is not an access token.
    const asAccess = await me(mfaToken);
    expect(asAccess.status).toBe(401);

    clock.nextStep();
    const done = await post('/v1/auth/login/mfa', { mfaToken, code: await codeOf(owner.secret) });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.data).toMatchObject({ tokenType: 'Bearer' });
    const profile = await me(done.body.data.accessToken);
    expect(profile.status).toBe(200);
    expect(profile.body.data).toMatchObject({
      id: owner.userId,
      tenantId: owner.tenantId,
      roles: ['owner'],
      mfaEnabled: true,
    });

    // The same MFA token does not work twice, even with a new code.
    clock.nextStep();
    const twice = await post('/v1/auth/login/mfa', { mfaToken, code: await codeOf(owner.secret) });
    expect(twice.status).toBe(401);
    expect(twice.body.error.code).toBe('INVALID_TOKEN');
  });

  it('refuses a code that was used before, and records the failure', async () => {
    const owner = await ownerWithMfa('replay');
    // The code that turned MFA on is spent: it cannot sign in.
    const first = await passwordStep(owner);
    const replayed = await post('/v1/auth/login/mfa', { mfaToken: first, code: owner.enablingCode });
    expect(replayed.status).toBe(401);
    expect(replayed.body.error.code).toBe('INVALID_MFA_CODE');

    clock.nextStep();
    const code = await codeOf(owner.secret);
    const accepted = await post('/v1/auth/login/mfa', { mfaToken: first, code });
    expect(accepted.status).toBe(200);
    const second = await passwordStep(owner);
    const again = await post('/v1/auth/login/mfa', { mfaToken: second, code });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('INVALID_MFA_CODE');

    const failures = await t.db.router.withPlatform((tx) =>
      queryRows<{ reason: string }>(
        tx,
        sql`select reason from login_attempts where user_id = ${owner.userId} and not succeeded`,
      ),
    );
    expect(failures.map((row) => row.reason)).toEqual(['wrong_mfa_code', 'wrong_mfa_code']);
    const audit = await t.db.router.withTenant(owner.tenantId, (tx) =>
      queryRows<{ metadata: { reason: string } }>(
        tx,
        sql`select metadata from audit_events where action = 'user.login_failed' and actor_id = ${owner.userId}`,
      ),
    );
    expect(audit.map((row) => row.metadata.reason)).toEqual(['wrong_mfa_code', 'wrong_mfa_code']);
  });

  it('accepts each recovery code once', async () => {
    const owner = await ownerWithMfa('recovery');
    const [recoveryCode] = owner.recoveryCodes;
    const first = await post('/v1/auth/login/mfa', {
      mfaToken: await passwordStep(owner),
      code: recoveryCode?.toUpperCase(),
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const second = await post('/v1/auth/login/mfa', {
      mfaToken: await passwordStep(owner),
      code: recoveryCode,
    });
    expect(second.status).toBe(401);
    expect(second.body.error.code).toBe('INVALID_MFA_CODE');
  });

  it('locks the account after repeated wrong codes', async () => {
    const owner = await ownerWithMfa('brute');
    const ip = '198.51.100.77';
    const mfaToken = await passwordStep(owner);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt += 1) {
      const response = await t.call({
        method: 'POST',
        url: '/v1/auth/login/mfa',
        body: { mfaToken, code: String(100_000 + attempt) },
        ip,
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Locked means locked: even the right code waits.
    clock.nextStep();
    const right = await t.call({
      method: 'POST',
      url: '/v1/auth/login/mfa',
      body: { mfaToken, code: await codeOf(owner.secret) },
      ip,
    });
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('LOGIN_LOCKED');
  });

  it('turns off only with the password and a valid code', async () => {
    const owner = await ownerWithMfa('disable');
    clock.nextStep();
    const session = await post('/v1/auth/login/mfa', {
      mfaToken: await passwordStep(owner),
      code: await codeOf(owner.secret),
    });
    const token = session.body.data.accessToken as string;

    clock.nextStep();
    await expectPasswordAndCodeRequired('/v1/auth/mfa/disable', token, owner.secret);
    expect((await me(token)).body.data.mfaEnabled).toBe(true);

    const disabled = await post(
      '/v1/auth/mfa/disable',
      { password: strongPassword, code: await codeOf(owner.secret) },
      token,
    );
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect((await me(token)).body.data.mfaEnabled).toBe(false);
    // The password alone signs in again.
    await loginAs(t, owner.email, owner.slug);

    const audit = await t.db.router.withTenant(owner.tenantId, (tx) =>
      queryRows<{ action: string }>(
        tx,
        sql`select action from audit_events where action like 'security.mfa.%' and actor_id = ${owner.userId}
            order by created_at`,
      ),
    );
    expect(audit.map((row) => row.action)).toEqual(['security.mfa.enabled', 'security.mfa.disabled']);
  });

  it('never shows a secret again after its setup answer', () => {
    expect(secretIssuedIn.size).toBeGreaterThan(0);
    for (const [secret, issuedIn] of secretIssuedIn) {
      const leaks = bodies.flatMap((body, index) =>
        index !== issuedIn && body.includes(secret) ? [index] : [],
      );
      expect(leaks, `secret ${secret} appears in later responses`).toEqual([]);
    }
  });
});
