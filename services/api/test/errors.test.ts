import { newId } from '@tenantry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, createTestApp, type TestApp } from './helpers';
import { probeRoutes } from './probe-routes';

const expectEnvelope = (body: string, code: string) => {
  const parsed = JSON.parse(body);
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(parsed.error.code).toBe(code);
  expect(typeof parsed.error.message).toBe('string');
  expect(body).not.toMatch(/\bat .*\.(ts|js):\d+|stack/);
  return parsed.error as { code: string; message: string; details?: unknown };
};

describe('error envelope', () => {
  let testApp: TestApp;
  const tenant = newId();
  const writer = asUser(tenant, newId(), ['probe.setting.write', 'probe.setting.read']);

  beforeAll(async () => {
    testApp = await createTestApp({
      routes: probeRoutes(() => testApp.db),
      config: { bodyLimitBytes: 1024, rateLimit: { windowMs: 60_000, tenantMax: 1000, anonymousMax: 1000 } },
    });
  });
  afterAll(() => testApp?.close());

  it('answers 400 VALIDATION with the issues for a body that breaks the contract', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/v1/probe/settings',
      headers: writer,
      payload: { key: '', value: 'seven', extra: true },
    });
    expect(response.statusCode).toBe(400);
    const error = expectEnvelope(response.body, 'VALIDATION');
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ location: 'body', path: 'key' }),
        expect.objectContaining({ location: 'body', path: 'value' }),
      ]),
    );
  });

  it('answers 400 for malformed JSON and for __proto__ keys', async () => {
    const malformed = await testApp.app.inject({
      method: 'POST',
      url: '/v1/probe/settings',
      headers: { ...writer, 'content-type': 'application/json' },
      payload: '{"key": ',
    });
    expect(malformed.statusCode).toBe(400);
    expectEnvelope(malformed.body, 'VALIDATION');
    const poisoned = await testApp.app.inject({
      method: 'POST',
      url: '/v1/probe/settings',
      headers: { ...writer, 'content-type': 'application/json' },
      payload: '{"key":"a","value":1,"__proto__":{"admin":true}}',
    });
    expect(poisoned.statusCode).toBe(400);
    expectEnvelope(poisoned.body, 'VALIDATION');
  });

  it('answers 413 and 415 in the taxonomy', async () => {
    const large = await testApp.app.inject({
      method: 'POST',
      url: '/v1/probe/settings',
      headers: writer,
      payload: { key: 'k', value: 1, pad: 'x'.repeat(4096) },
    });
    expect(large.statusCode).toBe(413);
    expectEnvelope(large.body, 'PAYLOAD_TOO_LARGE');
    const wrongType = await testApp.app.inject({
      method: 'POST',
      url: '/v1/probe/settings',
      headers: { ...writer, 'content-type': 'text/csv' },
      payload: 'key,value',
    });
    expect(wrongType.statusCode).toBe(415);
    expectEnvelope(wrongType.body, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 401 AUTHN without credentials and 403 AUTHZ without the permission, before validating', async () => {
    const anonymous = await testApp.app.inject({ method: 'POST', url: '/v1/probe/settings', payload: {} });
    expect(anonymous.statusCode).toBe(401);
    expectEnvelope(anonymous.body, 'AUTHN');
    const reader = await testApp.app.inject({
      method: 'POST',
      url: '/v1/probe/settings',
      headers: asUser(tenant, newId(), ['probe.setting.read']),
      payload: {},
    });
    expect(reader.statusCode).toBe(403);
    expectEnvelope(reader.body, 'AUTHZ');
  });

  it('answers 404 NOT_FOUND for unknown routes and missing resources', async () => {
    const route = await testApp.app.inject({ method: 'GET', url: '/v1/nowhere' });
    expect(route.statusCode).toBe(404);
    expectEnvelope(route.body, 'NOT_FOUND');
    const resource = await testApp.app.inject({
      method: 'GET',
      url: '/v1/probe/settings/absent',
      headers: writer,
    });
    expect(resource.statusCode).toBe(404);
    expectEnvelope(resource.body, 'NOT_FOUND');
  });

  it('answers 409 CONFLICT for a thrown conflict and for a unique violation', async () => {
    const thrown = await testApp.app.inject({ method: 'POST', url: '/v1/probe/conflict' });
    expect(thrown.statusCode).toBe(409);
    expect(expectEnvelope(thrown.body, 'CONFLICT').details).toEqual({ reason: 'test' });
    const first = await testApp.app.inject({
      method: 'POST',
      url: '/v1/probe/settings',
      headers: writer,
      payload: { key: 'unique', value: 1 },
    });
    expect(first.statusCode).toBe(201);
    const duplicate = await testApp.app.inject({
      method: 'POST',
      url: '/v1/probe/settings',
      headers: writer,
      payload: { key: 'unique', value: 2 },
    });
    expect(duplicate.statusCode).toBe(409);
    expectEnvelope(duplicate.body, 'CONFLICT');
  });

  it('answers 500 INTERNAL with a generic message and no stack or internal detail', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/v1/probe/crash' });
    expect(response.statusCode).toBe(500);
    const error = expectEnvelope(response.body, 'INTERNAL');
    expect(response.body).not.toContain('secret internal detail');
    expect(error.details).toBeUndefined();
  });

  it('strips fields the response contract does not name', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/v1/probe/leaky' });
    expect(response.json()).toEqual({ data: { name: 'visible' } });
  });

  it('echoes a sane X-Request-Id and mints one otherwise', async () => {
    const echoed = await testApp.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(echoed.headers['x-request-id']).toBe('abc-123');
    const minted = await testApp.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'bad id\n' },
    });
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
  });
});
