import { openPostgres, quoteIdent } from '@tenantry/db';
import { testServerUrl } from '@tenantry/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers';

describe('health and readiness', () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((testApp) => testApp.close())));

  it('is healthy and ready when the database answers', async () => {
    const testApp = await createTestApp();
    apps.push(testApp);
    const health = await testApp.app.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toEqual({ data: { status: 'ok' } });
    const ready = await testApp.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ data: { status: 'ready', checks: { database: 'up' } } });
  });

  it('is not ready once its database is gone, and still healthy', async () => {
    const testApp = await createTestApp();
    apps.push(testApp);
    expect((await testApp.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
    const server = openPostgres(testServerUrl(), { max: 1 });
    await server.rawStatement(`drop database ${quoteIdent(testApp.database.name)} with (force)`);
    await server.close();

    const ready = await testApp.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().error).toMatchObject({
      code: 'NOT_READY',
      details: { checks: { database: 'down' } },
    });
    expect((await testApp.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('is not ready when Redis is configured and unreachable', async () => {
    const redis = new Redis({
      port: 1,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    redis.on('error', () => {});
    const testApp = await createTestApp({ redis });
    apps.push(testApp);
    const ready = await testApp.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().error.details.checks).toEqual({ database: 'up', redis: 'down' });
    redis.disconnect();
  });
});
