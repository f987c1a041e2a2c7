import { ManualClock } from '@tenantry/core';
import { type LockoutPolicy, loginAttempts } from '@tenantry/identity';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createIdentityTestApp,
  type IdentityTestApp,
  signupTenant,
  strongPassword,
  uniqueName,
} from './support';

// Small thresholds; delays long enough to measure, short enough for a quick run.
const lockout: LockoutPolicy = {
  windowSeconds: 900,
  delayAfter: 2,
  delayBaseMs: 150,
  delayMaxMs: 300,
  accountLockAfter: 4,
  ipLockAfter: 8,
  lockSeconds: 60,
  retentionDays: 90,
};

describe('login brute-force brake', () => {
  let t: IdentityTestApp;
  // Time stands still, so retryAfterSeconds is exact and two locks can be compared byte for byte.
  const clock = new ManualClock(new Date());

  /** A login with the raw response text, to compare bodies byte for byte. */
  const attempt = async (ip: string, email: string, password: string) => {
    const started = performance.now();
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress: ip,
      payload: { email, password },
    });
    return { status: response.statusCode, text: response.body, ms: performance.now() - started };
  };

  const attemptsFrom = (ip: string) =>
    t.db.router.withPlatform((tx) =>
      tx.select().from(loginAttempts).where(eq(loginAttempts.ip, ip)).orderBy(asc(loginAttempts.id)),
    );

  const existingIp = '198.51.100.1';
  const unknownIp = '198.51.100.2';
  let victim: { email: string; userId: string };
  const unknownEmail = uniqueName('nobody').email;

  beforeAll(async () => {
    t = await createIdentityTestApp({ config: { lockout }, clock });
    victim = await signupTenant(t, 'victim');
  });
  afterAll(() => t?.close());

  it('slows failures down, then locks an existing account and an unknown e-mail with identical answers', async () => {
    const failures = [];
    for (let index = 0; index < lockout.accountLockAfter; index += 1) {
      failures.push(await attempt(existingIp, victim.email, 'not the password at all'));
      failures.push(await attempt(unknownIp, unknownEmail, 'not the password at all'));
    }
    for (const failure of failures) expect(failure.status).toBe(401);
    // Wrong password and unknown account say exactly the same thing.
    expect(new Set(failures.map((failure) => failure.text)).size).toBe(1);
    expect(JSON.parse(failures[0]?.text ?? '{}').error.code).toBe('INVALID_CREDENTIALS');
    // After `delayAfter` failures each attempt waits, doubling: 150 ms, then 300 ms.
    const existing = failures.filter((_, index) => index % 2 === 0);
    expect(existing[2]?.ms).toBeGreaterThanOrEqual(lockout.delayBaseMs);
    expect(existing[3]?.ms).toBeGreaterThanOrEqual(lockout.delayBaseMs * 2);

    // Locked now: even the right password is refused, and the two locks are indistinguishable.
    const lockedAccount = await attempt(existingIp, victim.email, strongPassword);
    const lockedUnknown = await attempt(unknownIp, unknownEmail, strongPassword);
    expect(lockedAccount.status).toBe(429);
    expect(lockedUnknown.status).toBe(429);
    expect(lockedAccount.text).toBe(lockedUnknown.text);
    expect(JSON.parse(lockedAccount.text).error).toMatchObject({
      code: 'LOGIN_LOCKED',
      details: { retryAfterSeconds: lockout.lockSeconds },
    });
  });

  it('keeps the account locked from another address until the lock ends', async () => {
    const elsewhere = await attempt('198.51.100.3', victim.email, strongPassword);
    expect(elsewhere.status).toBe(429);

    clock.advance((lockout.lockSeconds + 1) * 1000);
    const later = await attempt('198.51.100.3', victim.email, strongPassword);
    expect(later.status, later.text).toBe(200);
    expect(JSON.parse(later.text).data.accessToken).toBeTruthy();
  });

  it('locks a client address that fails across many e-mails, and only that address', async () => {
    const scanner = '198.51.100.4';
    const account = await signupTenant(t, 'bystander');
    for (let index = 0; index < lockout.ipLockAfter; index += 1) {
      // One failure per e-mail: no account reaches its own threshold.
      const failed = await attempt(scanner, uniqueName('scan').email, 'guessing away');
      expect(failed.status).toBe(401);
    }
    const blocked = await attempt(scanner, account.email, strongPassword);
    expect(blocked.status).toBe(429);
    expect(JSON.parse(blocked.text).error.code).toBe('LOGIN_LOCKED');

    const fromHome = await attempt('198.51.100.5', account.email, strongPassword);
    expect(fromHome.status, fromHome.text).toBe(200);
  });

  it('records every attempt in login_attempts, locked ones included', async () => {
    const existing = await attemptsFrom(existingIp);
    expect(existing.map((row) => row.reason)).toEqual([
      ...Array(lockout.accountLockAfter).fill('wrong_password'),
      'locked',
    ]);
    expect(existing.every((row) => row.email === victim.email && !row.succeeded)).toBe(true);
    expect(existing[0]?.userId).toBe(victim.userId);

    const unknown = await attemptsFrom(unknownIp);
    expect(unknown.map((row) => row.reason)).toEqual([
      ...Array(lockout.accountLockAfter).fill('unknown_account'),
      'locked',
    ]);
    expect(unknown.every((row) => row.email === unknownEmail && row.userId === null)).toBe(true);

    const success = await attemptsFrom('198.51.100.3');
    expect(success.map((row) => [row.reason, row.succeeded])).toEqual([
      ['locked', false],
      ['password', true],
    ]);
  });
});
