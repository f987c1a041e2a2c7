import { ManualClock } from '@tenantry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantryClient, paginate, TenantryApiError, type TokenPair, unwrap } from '../src';
import { type RealApi, startRealApi } from './real-api';

const password = 'correct horse battery staple 42';
const superadmin = { email: 'root@platform.test', password };

describe('createTenantryClient against the real API', () => {
  const clock = new ManualClock(new Date());
  let api: RealApi;

  const logIn = async (credentials: { email: string; password: string }): Promise<TokenPair> => {
    const anonymous = createTenantryClient({ baseUrl: api.baseUrl });
    const answer = unwrap(await anonymous.POST('/v1/auth/login', { body: credentials }));
    if (!('accessToken' in answer)) throw new Error('this account has no MFA: expected tokens');
    return answer;
  };

  beforeAll(async () => {
    api = await startRealApi(clock);
    const anonymous = createTenantryClient({ baseUrl: api.baseUrl });
    unwrap(await anonymous.POST('/v1/superadmin/setup', { body: { ...superadmin, name: 'Root' } }));
  });
  afterAll(() => api?.close());

  it('logs in, calls routes, and refreshes an expired access token once for concurrent requests', async () => {
    const login = await logIn(superadmin);
    const received: TokenPair[] = [];
    const client = createTenantryClient({
      baseUrl: api.baseUrl,
      accessToken: login.accessToken,
      refreshToken: login.refreshToken,
      onTokens: (tokens) => void received.push(tokens),
    });
    expect(unwrap(await client.GET('/v1/auth/sessions')).length).toBeGreaterThan(0);

    clock.advance((login.expiresIn + 60) * 1000);
    const stale = await fetch(`${api.baseUrl}/v1/auth/sessions`, {
      headers: { authorization: `Bearer ${login.accessToken}` },
    });
    expect(stale.status).toBe(401);
    // The code the client refreshes on.
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('INVALID_TOKEN');

    // Two refreshes with the same refresh token would make the server end the
    // session (reuse detection), and every one of these would then fail.
    const answers = await Promise.all([
      client.GET('/v1/auth/sessions'),
      client.GET('/v1/superadmin/tenants'),
      client.GET('/v1/auth/sessions'),
    ]);
    expect(answers.map((answer) => answer.response.status)).toEqual([200, 200, 200]);
    expect(received).toHaveLength(1);
    expect(received[0]?.accessToken).not.toBe(login.accessToken);
    expect(received[0]?.refreshToken).not.toBe(login.refreshToken);

    // The new pair is the client's now: no further refresh.
    expect(unwrap(await client.GET('/v1/auth/sessions')).length).toBeGreaterThan(0);
    expect(received).toHaveLength(1);
  });

  it('pages through a real list with paginate', async () => {
    const anonymous = createTenantryClient({ baseUrl: api.baseUrl });
    const slugs = ['sdk-page-a', 'sdk-page-b', 'sdk-page-c'];
    for (const slug of slugs) {
      unwrap(
        await anonymous.POST('/v1/auth/signup', {
          body: {
            tenantName: `${slug} Ltd`,
            tenantSlug: slug,
            email: `${slug}@example.test`,
            password,
            name: 'Owner',
          },
        }),
      );
    }
    const client = createTenantryClient({ baseUrl: api.baseUrl, ...(await logIn(superadmin)) });

    const seen: string[] = [];
    const pages: (string | undefined)[] = [];
    for await (const tenant of paginate((cursor) => {
      pages.push(cursor);
      return client.GET('/v1/superadmin/tenants', { params: { query: { cursor, limit: 1 } } });
    })) {
      seen.push(tenant.slug);
    }

    expect(seen).toEqual(expect.arrayContaining(slugs));
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages.length).toBeGreaterThanOrEqual(slugs.length);
  });

  it('throws the API’s failures as TenantryApiError with the taxonomy code', async () => {
    const anonymous = createTenantryClient({ baseUrl: api.baseUrl });
    const client = createTenantryClient({ baseUrl: api.baseUrl, ...(await logIn(superadmin)) });
    const failureOf = async (call: () => Promise<unknown>) => {
      try {
        await call();
      } catch (error) {
        if (error instanceof TenantryApiError) return error;
        throw error;
      }
      throw new Error('expected a TenantryApiError');
    };

    const invalid = await failureOf(async () =>
      unwrap(await anonymous.POST('/v1/auth/login', { body: { email: 'not-an-email', password } })),
    );
    expect(invalid).toMatchObject({ status: 400, code: 'VALIDATION' });
    expect(invalid.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'email' })]));
    expect(invalid.requestId).toBeTruthy();

    const wrongPassword = await failureOf(async () =>
      unwrap(
        await anonymous.POST('/v1/auth/login', {
          body: { email: superadmin.email, password: 'not the password at all' },
        }),
      ),
    );
    expect(wrongPassword).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });

    const missing = await failureOf(async () =>
      unwrap(
        await client.GET('/v1/superadmin/tenants/{id}', {
          params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
        }),
      ),
    );
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('replays a write sent again with the caller’s Idempotency-Key', async () => {
    const anonymous = createTenantryClient({ baseUrl: api.baseUrl });
    const signup = () =>
      anonymous.POST('/v1/auth/signup', {
        params: { header: { 'idempotency-key': 'sdk-signup-1' } },
        body: {
          tenantName: 'Replay Ltd',
          tenantSlug: 'sdk-replay',
          email: 'owner@sdk-replay.test',
          password,
          name: 'Owner',
        },
      });

    const first = await signup();
    const second = await signup();

    expect(second.response.headers.get('idempotent-replayed')).toBe('true');
    expect(unwrap(second).tenant.id).toBe(unwrap(first).tenant.id);
  });
});
