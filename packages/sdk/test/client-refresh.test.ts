import { afterEach, describe, expect, it } from 'vitest';
import { createTenantryClient, TenantryApiError, type TokenPair, unwrap } from '../src';
import { type StubServer, sendJson, sleep, startStubServer } from './stub-server';

const invalidToken = { error: { code: 'INVALID_TOKEN', message: 'Invalid or expired token' } };
const pair = (n: number): TokenPair => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresIn: 900,
  tokenType: 'Bearer',
});

/**
 * A stand-in for the API's token rules: the client's first access token has
 * expired, only the newest issued one is accepted, and each refresh token
 * works once, as on the real server (where a second use ends the session).
 * A request with x-stub-after-refresh is answered only once a refresh has been.
 */
const tokenServer = (options: { refreshDelayMs?: number; refuseRefresh?: boolean } = {}) => {
  let issued = 1;
  let validAccess: string | null = null;
  let refreshAnswered = () => {};
  const refreshed = new Promise<void>((resolve) => {
    refreshAnswered = resolve;
  });
  return startStubServer(async (request, response) => {
    if (request.url === '/v1/auth/refresh') {
      const presented = (request.body as { refreshToken: string }).refreshToken;
      await sleep(options.refreshDelayMs ?? 0);
      if (options.refuseRefresh || presented !== `refresh-${issued}`) {
        return sendJson(response, 401, invalidToken);
      }
      issued += 1;
      validAccess = `access-${issued}`;
      sendJson(response, 200, { data: pair(issued) });
      return refreshAnswered();
    }
    if (request.headers['x-stub-after-refresh']) {
      await refreshed;
      // Time for the client to take the new pair before this 401 reaches it.
      await sleep(50);
    }
    if (request.headers.authorization !== `Bearer ${validAccess}`) {
      return sendJson(response, 401, invalidToken);
    }
    return sendJson(response, 200, { data: [] });
  });
};

/** A promise the test opens by hand, to hold the stub or the test at a chosen point. */
const gate = () => {
  let release = () => {};
  const opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { opened, release };
};

const refreshCalls = (stub: StubServer) => stub.requests.filter((r) => r.url === '/v1/auth/refresh');

describe('createTenantryClient token refresh', () => {
  let stub: StubServer | undefined;
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
  });

  it('shares one refresh between concurrent 401s, then retries each request once with the new token', async () => {
    stub = await tokenServer({ refreshDelayMs: 50 });
    const received: TokenPair[] = [];
    const client = createTenantryClient({
      baseUrl: stub.baseUrl,
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      onTokens: (tokens) => void received.push(tokens),
    });

    const results = await Promise.all(
      Array.from({ length: 5 }, () => client.GET('/v1/auth/sessions').then(unwrap)),
    );

    expect(results).toEqual([[], [], [], [], []]);
    expect(refreshCalls(stub)).toHaveLength(1);
    expect(received).toEqual([pair(2)]);
    const calls = stub.requests.filter((r) => r.url === '/v1/auth/sessions');
    expect(calls.map((r) => r.headers.authorization).sort()).toEqual([
      ...Array(5).fill('Bearer access-1'),
      ...Array(5).fill('Bearer access-2'),
    ]);
  });

  it('retries without refreshing when another request already replaced the token', async () => {
    stub = await tokenServer();
    const client = createTenantryClient({
      baseUrl: stub.baseUrl,
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
    });
    // The slow request's 401 arrives after the fast one has refreshed: it must not present refresh-2 too.
    const [slow, fast] = await Promise.all([
      client.GET('/v1/auth/sessions', { headers: { 'x-stub-after-refresh': '1' } }),
      client.GET('/v1/auth/sessions'),
    ]);
    expect([slow.response.status, fast.response.status]).toEqual([200, 200]);
    expect(refreshCalls(stub)).toHaveLength(1);
  });

  it('retries once only: a 401 after the refresh is the caller’s answer', async () => {
    stub = await startStubServer((request, response) =>
      request.url === '/v1/auth/refresh'
        ? sendJson(response, 200, { data: pair(2) })
        : sendJson(response, 401, invalidToken),
    );
    const client = createTenantryClient({ baseUrl: stub.baseUrl, accessToken: 'a', refreshToken: 'r' });

    const failure = await client
      .GET('/v1/auth/sessions')
      .then(unwrap)
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(TenantryApiError);
    expect(failure).toMatchObject({
      status: 401,
      code: 'INVALID_TOKEN',
      message: 'Invalid or expired token',
    });
    expect(stub.requests.map((r) => r.url)).toEqual([
      '/v1/auth/sessions',
      '/v1/auth/refresh',
      '/v1/auth/sessions',
    ]);
  });

  it('answers the original 401 when the refresh is refused, and stops presenting that refresh token', async () => {
    stub = await tokenServer({ refuseRefresh: true });
    const client = createTenantryClient({ baseUrl: stub.baseUrl, accessToken: 'old', refreshToken: 'spent' });

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = await client.GET('/v1/auth/sessions');
      expect(result.response.status).toBe(401);
    }
    expect(refreshCalls(stub)).toHaveLength(1);
  });

  it('sends the refresh with the refresh token in the body and no bearer or Idempotency-Key', async () => {
    stub = await tokenServer();
    const client = createTenantryClient({
      baseUrl: stub.baseUrl,
      accessToken: 'x',
      refreshToken: 'refresh-1',
    });
    await client.GET('/v1/auth/sessions');
    const [refresh] = refreshCalls(stub);
    expect(refresh?.method).toBe('POST');
    expect(refresh?.body).toEqual({ refreshToken: 'refresh-1' });
    expect(refresh?.headers.authorization).toBeUndefined();
    expect(refresh?.headers['idempotency-key']).toBeUndefined();
  });

  it('lets a sign-out during a refresh win over the refreshed pair', async () => {
    const refreshArrived = gate();
    const answerRefresh = gate();
    stub = await startStubServer(async (request, response) => {
      if (request.url !== '/v1/auth/refresh') return sendJson(response, 401, invalidToken);
      refreshArrived.release();
      await answerRefresh.opened;
      sendJson(response, 200, { data: pair(2) });
    });
    const received: TokenPair[] = [];
    const client = createTenantryClient({
      baseUrl: stub.baseUrl,
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      onTokens: (tokens) => void received.push(tokens),
    });

    const pending = client.GET('/v1/auth/sessions');
    await refreshArrived.opened;
    client.setTokens(null);
    answerRefresh.release();

    expect((await pending).response.status).toBe(401);
    await client.GET('/v1/auth/sessions');
    expect(received).toEqual([]);
    expect(stub.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/v1/auth/sessions', 'Bearer access-1'],
      ['/v1/auth/refresh', undefined],
      ['/v1/auth/sessions', undefined],
    ]);
  });

  it('neither refreshes nor retries a 401 that is not about the token', async () => {
    stub = await startStubServer((_request, response) =>
      sendJson(response, 401, {
        error: { code: 'INVALID_CREDENTIALS', message: 'Invalid e-mail or password' },
      }),
    );
    const client = createTenantryClient({ baseUrl: stub.baseUrl, accessToken: 'a', refreshToken: 'r' });
    const result = await client.POST('/v1/auth/logout');
    expect(() => unwrap(result)).toThrow(
      expect.objectContaining({ status: 401, code: 'INVALID_CREDENTIALS' }),
    );
    expect(stub.requests.map((r) => r.url)).toEqual(['/v1/auth/logout']);
  });

  it('sends an API key as the bearer and never refreshes it', async () => {
    stub = await startStubServer((_request, response) => sendJson(response, 401, invalidToken));
    const client = createTenantryClient({ baseUrl: stub.baseUrl, apiKey: 'tk_live_example' });
    const result = await client.GET('/v1/auth/sessions');
    expect(result.response.status).toBe(401);
    expect(stub.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/v1/auth/sessions', 'Bearer tk_live_example'],
    ]);
  });

  it('uses tokens set after a login, and none after they are cleared', async () => {
    stub = await startStubServer((_request, response) => sendJson(response, 200, { data: [] }));
    const client = createTenantryClient({ baseUrl: stub.baseUrl });
    await client.GET('/v1/auth/sessions');
    client.setTokens({ accessToken: 'fresh', refreshToken: 'r' });
    await client.GET('/v1/auth/sessions');
    client.setTokens(null);
    await client.GET('/v1/auth/sessions');
    expect(stub.requests.map((r) => r.headers.authorization)).toEqual([undefined, 'Bearer fresh', undefined]);
  });

  it('refuses an access token and an API key together', () => {
    expect(() =>
      createTenantryClient({ baseUrl: 'http://127.0.0.1:1', accessToken: 'a', apiKey: 'k' }),
    ).toThrow(/not both/);
  });
});
