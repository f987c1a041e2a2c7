import { queryRows } from '@tenantry/db';
import { testRedisUrl } from '@tenantry/testing';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeTenant,
  createIdentityTestApp,
  createSuperadmin,
  type IdentityTestApp,
  loginAs,
} from './support';

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('access and refresh tokens', () => {
  let t: IdentityTestApp;
  let redis: Redis;
  let root: string;

  beforeAll(async () => {
    redis = new Redis(testRedisUrl());
    t = await createIdentityTestApp({ redis });
    root = (await createSuperadmin(t)).accessToken;
  });
  afterAll(async () => {
    await t?.close();
    redis?.disconnect();
  });

  const current = (token: string) => t.call({ method: 'GET', url: '/v1/tenants/current', token });
  const refresh = (refreshToken: string) =>
    t.call({ method: 'POST', url: '/v1/auth/refresh', body: { refreshToken } });

  describe('the JWT attack matrix', () => {
    let owner: Awaited<ReturnType<typeof activeTenant>>;
    let claims: Record<string, unknown>;
    let header: Record<string, unknown>;

    beforeAll(async () => {
      owner = await activeTenant(t, root, 'jwt');
      const [encodedHeader, encodedPayload] = owner.tokens.accessToken.split('.');
      header = JSON.parse(Buffer.from(encodedHeader ?? '', 'base64url').toString());
      claims = JSON.parse(Buffer.from(encodedPayload ?? '', 'base64url').toString());
    });

    const resign = async (overrides: {
      header?: object;
      claims?: object;
      key?: Parameters<SignJWT['sign']>[0];
    }) => {
      const signing = t.identity.deps.keys.signing();
      const protectedHeader = { ...header, ...overrides.header } as { alg: string };
      return new SignJWT({ ...claims, ...overrides.claims })
        .setProtectedHeader(protectedHeader)
        .sign(overrides.key ?? signing.key);
    };

    it('accepts the genuine token, which carries the claims the contract names', async () => {
      expect(header).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
      expect(claims).toMatchObject({
        sub: owner.userId,
        tenant_id: owner.tenantId,
        roles: ['owner'],
        aud: 'tenantry-api',
        iss: 'http://tenantry.test',
      });
      expect(claims.jti).toEqual(expect.any(String));
      expect(claims.sid).toEqual(expect.any(String));
      expect((await current(owner.tokens.accessToken)).status).toBe(200);
    });

    it('refuses alg none', async () => {
      const unsigned = `${base64url({ alg: 'none', typ: 'at+jwt' })}.${base64url(claims)}.`;
      expect((await current(unsigned)).status).toBe(401);
    });

    it('refuses an HS256 token keyed with the public key (algorithm confusion)', async () => {
      const jwks = await t.call({ method: 'GET', url: '/v1/auth/jwks.json' });
      const publicJwk = jwks.body.data.keys[0];
      expect(publicJwk.d).toBeUndefined();
      const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
      const forged = await resign({ header: { alg: 'HS256' }, key: secret });
      expect((await current(forged)).status).toBe(401);
    });

    it('refuses an expired token', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = await resign({ claims: { iat: now - 3600, exp: now - 60 } });
      expect((await current(expired)).status).toBe(401);
    });

    it('refuses a wrong audience, issuer or type', async () => {
      for (const forged of [
        await resign({ claims: { aud: 'another-api' } }),
        await resign({ claims: { iss: 'https://evil.test' } }),
        await resign({ header: { typ: 'JWT' } }),
        await resign({ header: { typ: 'mfa+jwt' } }),
      ]) {
        const response = await current(forged);
        expect(response.status).toBe(401);
        expect(response.body.error.code).toBe('INVALID_TOKEN');
      }
    });

    it('refuses a token signed by another key, even under our key id', async () => {
      const other = await generateKeyPair('ES256');
      const forged = await resign({ key: other.privateKey });
      expect((await current(forged)).status).toBe(401);
    });

    it('refuses a tampered payload and a refresh token used as an access token', async () => {
      const [h, , s] = owner.tokens.accessToken.split('.');
      const tampered = `${h}.${base64url({ ...claims, roles: ['owner', 'admin'], tenant_id: root })}.${s}`;
      expect((await current(tampered)).status).toBe(401);
      expect((await current(owner.tokens.refreshToken)).status).toBe(401);
      const scheme = await t.call({
        method: 'GET',
        url: '/v1/tenants/current',
        headers: { authorization: `Basic ${owner.tokens.accessToken}` },
      });
      expect(scheme.status).toBe(401);
    });
  });

  it('rotates refresh tokens, and a reused one ends the whole family', async () => {
    const owner = await activeTenant(t, root, 'rotate');
    const first = await refresh(owner.tokens.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body.data.refreshToken).not.toBe(owner.tokens.refreshToken);
    expect((await current(first.body.data.accessToken)).status).toBe(200);
    const second = await refresh(first.body.data.refreshToken);
    expect(second.status).toBe(200);

    // The stolen first token comes back: the family ends, legitimate holder included.
    const replay = await refresh(owner.tokens.refreshToken);
    expect(replay.status).toBe(401);
    expect((await refresh(second.body.data.refreshToken)).status).toBe(401);
    expect((await current(second.body.data.accessToken)).status).toBe(401);
    const audit = await t.db.router.withTenant(owner.tenantId, (tx) =>
      queryRows<{ metadata: unknown }>(
        tx,
        sql`select metadata from audit_events where action = 'session.revoked'`,
      ),
    );
    expect(audit).toEqual([
      expect.objectContaining({ metadata: expect.objectContaining({ reason: 'refresh_token_reuse' }) }),
    ]);
  });

  it('lets only one of two concurrent refreshes with the same token through', async () => {
    const owner = await activeTenant(t, root, 'race');
    const results = await Promise.all([
      refresh(owner.tokens.refreshToken),
      refresh(owner.tokens.refreshToken),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 401]);
  });

  it('ends the session at logout and denies its access token by id in Redis', async () => {
    const owner = await activeTenant(t, root, 'logout');
    const claims = JSON.parse(
      Buffer.from(owner.tokens.accessToken.split('.')[1] ?? '', 'base64url').toString(),
    );
    const out = await t.call({ method: 'POST', url: '/v1/auth/logout', token: owner.tokens.accessToken });
    expect(out.status).toBe(200);
    expect((await current(owner.tokens.accessToken)).status).toBe(401);
    expect((await refresh(owner.tokens.refreshToken)).status).toBe(401);
    const ttl = await redis.ttl(`tenantry:denied:${claims.jti}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(900);
    expect(await redis.exists(`tenantry:denied:${claims.sid}`)).toBe(1);
  });

  it('keeps at most five live sessions per user, ending the oldest', async () => {
    const owner = await activeTenant(t, root, 'limit');
    const logins = [owner.tokens];
    for (let index = 0; index < 5; index += 1) logins.push(await loginAs(t, owner.email));
    const listed = await t.call({ method: 'GET', url: '/v1/auth/sessions', token: logins[5]?.accessToken });
    expect(listed.body.data).toHaveLength(5);
    expect(listed.body.data.filter((session: { current: boolean }) => session.current)).toHaveLength(1);
    expect((await current(logins[0]?.accessToken ?? '')).status).toBe(401);
    expect((await current(logins[1]?.accessToken ?? '')).status).toBe(200);
  });

  it('revokes a listed session, and another user’s session is NOT_FOUND', async () => {
    const owner = await activeTenant(t, root, 'revoke');
    const other = await activeTenant(t, root, 'stranger');
    const second = await loginAs(t, owner.email);
    const listed = await t.call({ method: 'GET', url: '/v1/auth/sessions', token: second.accessToken });
    const firstSession = listed.body.data.find((session: { current: boolean }) => !session.current);
    const foreign = await t.call({
      method: 'DELETE',
      url: `/v1/auth/sessions/${firstSession.id}`,
      token: other.tokens.accessToken,
    });
    expect(foreign.status).toBe(404);
    const revoked = await t.call({
      method: 'DELETE',
      url: `/v1/auth/sessions/${firstSession.id}`,
      token: second.accessToken,
    });
    expect(revoked.status).toBe(200);
    expect((await current(owner.tokens.accessToken)).status).toBe(401);
    expect((await current(second.accessToken)).status).toBe(200);
  });

  it('answers a wrong password and an unknown account with the same body', async () => {
    const owner = await activeTenant(t, root, 'same');
    const wrong = await t.call({
      method: 'POST',
      url: '/v1/auth/login',
      body: { email: owner.email, password: 'not the right password at all' },
      ip: '198.51.100.7',
    });
    const unknown = await t.call({
      method: 'POST',
      url: '/v1/auth/login',
      body: { email: 'nobody@example.test', password: 'not the right password at all' },
      ip: '198.51.100.8',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(JSON.stringify(wrong.body)).toBe(JSON.stringify(unknown.body));
  });
});
