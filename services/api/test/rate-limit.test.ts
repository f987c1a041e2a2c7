import { newId } from '@tenantry/core';
import { testRedisUrl } from '@tenantry/testing';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiConfig } from '../src';
import { asUser, createTestApp, type TestApp } from './helpers';
import { probeRoutes } from './probe-routes';

const limits = { windowMs: 60_000, tenantMax: 5, anonymousMax: 3 };

const hit = (testApp: TestApp, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
  testApp.app.inject({ method: 'GET', url: '/v1/probe/leaky', headers, remoteAddress });

describe('rate limiting', () => {
  const apps: TestApp[] = [];
  const redisClients: Redis[] = [];
  const start = async (config: Partial<ApiConfig> = {}, redis?: Redis) => {
    const testApp: TestApp = await createTestApp({
      routes: probeRoutes(() => testApp.db),
      config: { rateLimit: limits, ...config },
      redis,
    });
    apps.push(testApp);
    return testApp;
  };
  afterAll(async () => {
    await Promise.all(apps.map((testApp) => testApp.close()));
    await Promise.all(redisClients.map((client) => client.quit()));
  });

  it('limits anonymous traffic per client IP with a RATE_LIMIT envelope and Retry-After', async () => {
    const testApp = await start();
    for (let index = 0; index < limits.anonymousMax; index++) {
      expect((await hit(testApp, {}, '10.0.0.1')).statusCode).toBe(200);
    }
    const limited = await hit(testApp, {}, '10.0.0.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMIT');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await hit(testApp, {}, '10.0.0.2')).statusCode).toBe(200);
    expect(
      (await testApp.app.inject({ method: 'GET', url: '/health', remoteAddress: '10.0.0.1' })).statusCode,
    ).toBe(200);
  });

  it('counts a tenant’s users together and keeps tenants apart', async () => {
    const testApp = await start();
    const tenantA = newId();
    const tenantB = newId();
    for (let index = 0; index < limits.tenantMax; index++) {
      expect((await hit(testApp, asUser(tenantA, newId()))).statusCode).toBe(200);
    }
    expect((await hit(testApp, asUser(tenantA, newId()))).statusCode).toBe(429);
    expect((await hit(testApp, asUser(tenantB, newId()))).statusCode).toBe(200);
  });

  it('reads X-Forwarded-For only behind a trusted proxy', async () => {
    const untrusting = await start();
    for (let index = 0; index < limits.anonymousMax; index++) {
      await hit(untrusting, { 'x-forwarded-for': `203.0.113.${index}` }, '10.1.0.1');
    }
    expect((await hit(untrusting, { 'x-forwarded-for': '203.0.113.99' }, '10.1.0.1')).statusCode).toBe(429);

    const behindProxy = await start({ trustProxy: ['10.1.0.1'] });
    for (let index = 0; index < limits.anonymousMax + 2; index++) {
      expect(
        (await hit(behindProxy, { 'x-forwarded-for': `203.0.113.${index}` }, '10.1.0.1')).statusCode,
      ).toBe(200);
    }
    // A client that is not the trusted proxy cannot pick its own address.
    for (let index = 0; index < limits.anonymousMax; index++) {
      await hit(behindProxy, { 'x-forwarded-for': `198.51.100.${index}` }, '10.9.9.9');
    }
    expect((await hit(behindProxy, { 'x-forwarded-for': '198.51.100.77' }, '10.9.9.9')).statusCode).toBe(429);
  });

  it('shares counters between API instances through Redis', async () => {
    const clients = [new Redis(testRedisUrl()), new Redis(testRedisUrl())];
    redisClients.push(...clients);
    const first = await start({}, clients[0]);
    const second = await start({}, clients[1]);
    const tenant = newId();
    for (let index = 0; index < limits.tenantMax; index++) {
      const instance = index % 2 === 0 ? first : second;
      expect((await hit(instance, asUser(tenant, newId()))).statusCode).toBe(200);
    }
    expect((await hit(first, asUser(tenant, newId()))).statusCode).toBe(429);
    expect((await hit(second, asUser(tenant, newId()))).statusCode).toBe(429);
  });

  it('has generous documented defaults', async () => {
    const { apiConfigFromEnv } = await import('../src');
    const defaults = apiConfigFromEnv({}).rateLimit;
    expect(defaults.tenantMax / (defaults.windowMs / 1000)).toBeGreaterThanOrEqual(50);
  });
});
