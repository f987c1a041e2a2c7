import { Writable } from 'node:stream';
import { newId } from '@tenantry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, createTestApp, type TestApp } from './helpers';
import { probeRoutes } from './probe-routes';

describe('request logs', () => {
  let testApp: TestApp;
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });

  beforeAll(async () => {
    testApp = await createTestApp({
      routes: probeRoutes(() => testApp.db),
      logger: { level: 'info', stream },
    });
  });
  afterAll(() => testApp?.close());

  it('carry request_id, tenant_id, user_id, module and action', async () => {
    const tenant = newId();
    const user = newId();
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/v1/probe/settings',
      headers: { ...asUser(tenant, user, ['probe.setting.write']), 'x-request-id': 'log-test-1' },
      payload: { key: 'logged', value: 1 },
    });
    expect(response.statusCode).toBe(201);
    const completed = lines.find(
      (line) => line.request_id === 'log-test-1' && line.msg === 'request completed',
    );
    expect(completed).toMatchObject({
      request_id: 'log-test-1',
      tenant_id: tenant,
      user_id: user,
      module: 'probe',
      action: 'createProbeSetting',
    });
  });
});
