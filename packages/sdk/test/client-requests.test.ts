import { afterEach, describe, expect, it } from 'vitest';
import { createTenantryClient, TenantryApiError, unwrap } from '../src';
import { type StubServer, sendJson, startStubServer } from './stub-server';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const id = '6f1c2e4a-3b5d-4c7e-9f80-1a2b3c4d5e6f';

describe('createTenantryClient requests', () => {
  let stub: StubServer | undefined;
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
  });

  it('adds a fresh Idempotency-Key to every write and none to a read', async () => {
    stub = await startStubServer((_request, response) => sendJson(response, 200, { data: { ok: true } }));
    const client = createTenantryClient({ baseUrl: stub.baseUrl, accessToken: 'token' });

    await client.GET('/v1/auth/sessions');
    await client.POST('/v1/auth/logout');
    await client.PUT('/v1/superadmin/tenants/{id}/plan', {
      params: { path: { id } },
      body: { planKey: 'growth' },
    });
    await client.PATCH('/v1/tenants/current/members/{userId}', {
      params: { path: { userId: id } },
      body: { role: 'manager' },
    });
    await client.DELETE('/v1/auth/sessions/{id}', { params: { path: { id } } });

    const [read, ...writes] = stub.requests;
    expect(read?.headers['idempotency-key']).toBeUndefined();
    expect(writes.map((r) => r.method)).toEqual(['POST', 'PUT', 'PATCH', 'DELETE']);
    const keys = writes.map((r) => r.headers['idempotency-key']);
    for (const key of keys) expect(key).toMatch(uuid);
    expect(new Set(keys).size).toBe(4);
    expect(writes[1]?.body).toEqual({ planKey: 'growth' });
  });

  it('makes v4 keys without crypto.randomUUID (a browser page served over plain HTTP)', async () => {
    stub = await startStubServer((_request, response) => sendJson(response, 200, { data: { ok: true } }));
    const client = createTenantryClient({ baseUrl: stub.baseUrl });
    const original = globalThis.crypto.randomUUID;
    Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      await client.POST('/v1/auth/logout');
      await client.POST('/v1/auth/logout');
    } finally {
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: original, configurable: true });
    }
    const keys = stub.requests.map((r) => r.headers['idempotency-key']);
    for (const key of keys) expect(key).toMatch(uuid);
    expect(new Set(keys).size).toBe(2);
  });

  it('keeps a key the caller gives, through the params or as a plain header', async () => {
    stub = await startStubServer((_request, response) => sendJson(response, 200, { data: { ok: true } }));
    const client = createTenantryClient({ baseUrl: stub.baseUrl });
    await client.POST('/v1/auth/logout', { params: { header: { 'idempotency-key': 'order-42' } } });
    await client.POST('/v1/auth/logout', { headers: { 'Idempotency-Key': 'order-43' } });
    expect(stub.requests.map((r) => r.headers['idempotency-key'])).toEqual(['order-42', 'order-43']);
  });

  it('retries a write after a refresh with the same key and the same body', async () => {
    let refreshed = false;
    stub = await startStubServer((request, response) => {
      if (request.url === '/v1/auth/refresh') {
        refreshed = true;
        return sendJson(response, 200, {
          data: { accessToken: 'new', refreshToken: 'r2', expiresIn: 900, tokenType: 'Bearer' },
        });
      }
      if (!refreshed)
        return sendJson(response, 401, { error: { code: 'INVALID_TOKEN', message: 'expired' } });
      return sendJson(response, 200, { data: { ok: true } });
    });
    const client = createTenantryClient({ baseUrl: stub.baseUrl, accessToken: 'old', refreshToken: 'r1' });

    const data = unwrap(
      await client.PUT('/v1/superadmin/tenants/{id}/plan', {
        params: { path: { id } },
        body: { planKey: 'growth' },
      }),
    );

    expect(data).toEqual({ ok: true });
    const [first, , retry] = stub.requests;
    expect(retry?.headers.authorization).toBe('Bearer new');
    expect(retry?.headers['idempotency-key']).toBe(first?.headers['idempotency-key']);
    expect(retry?.body).toEqual({ planKey: 'growth' });
  });

  it('throws the error envelope as a TenantryApiError with status, code, message, details and request id', async () => {
    const details = [{ location: 'body', path: 'planKey', code: 'invalid_format', message: 'bad key' }];
    stub = await startStubServer((_request, response) => {
      response.setHeader('x-request-id', 'req-7');
      sendJson(response, 400, { error: { code: 'VALIDATION', message: 'Invalid request body', details } });
    });
    const client = createTenantryClient({ baseUrl: stub.baseUrl, accessToken: 'token' });

    const result = await client.PUT('/v1/superadmin/tenants/{id}/plan', {
      params: { path: { id } },
      body: { planKey: 'Not A Key' },
    });

    expect(() => unwrap(result)).toThrow(TenantryApiError);
    expect(() => unwrap(result)).toThrow(
      expect.objectContaining({
        status: 400,
        code: 'VALIDATION',
        message: 'Invalid request body',
        details,
        requestId: 'req-7',
      }),
    );
  });

  it('still throws a TenantryApiError when a failure is not the API’s envelope', async () => {
    stub = await startStubServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
    });
    const client = createTenantryClient({ baseUrl: stub.baseUrl });
    const result = await client.GET('/v1/auth/jwks.json');
    expect(() => unwrap(result)).toThrow(
      expect.objectContaining({ status: 502, code: 'HTTP_ERROR', details: '<h1>Bad gateway</h1>' }),
    );
  });

  it('unwraps a success envelope to its data', async () => {
    stub = await startStubServer((_request, response) => sendJson(response, 200, { data: { keys: [] } }));
    const client = createTenantryClient({ baseUrl: stub.baseUrl });
    const jwks = unwrap(await client.GET('/v1/auth/jwks.json'));
    expect(jwks.keys).toEqual([]);
  });
});
