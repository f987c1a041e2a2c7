import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabaseRuntime, type DatabaseRuntime } from '@tenantry/db';
import { migrationPlan } from '@tenantry/platform';
import { createTestDatabase, type TestDatabase } from '@tenantry/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiConfigFromEnv, buildApp } from '../src';

describe('console plugin', () => {
  let database: TestDatabase;
  let db: DatabaseRuntime;
  let app: FastifyInstance;
  let bare: FastifyInstance;
  const dist = mkdtempSync(join(tmpdir(), 'tenantry-console-'));

  beforeAll(async () => {
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title><div id="root"></div>');
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("hi")');
    writeFileSync(join(dist, 'secret.txt'), 'not an asset');
    database = await createTestDatabase();
    db = await createDatabaseRuntime(database.config, migrationPlan);
    app = await buildApp({ config: apiConfigFromEnv({}), db, metrics: true, consoleDir: dist });
    bare = await buildApp({
      config: apiConfigFromEnv({}),
      db,
      metrics: false,
      consoleDir: join(dist, 'missing'),
    });
  });

  afterAll(async () => {
    await app?.close();
    await bare?.close();
    await db?.close();
    await database?.drop();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and for every client route, uncached and with a CSP', async () => {
    for (const url of ['/', '/master-admin', '/master-admin/', '/master-admin/tenants/0196a1b2-3c4d-7e8f']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('serves fingerprinted assets for a year, and a missing one as a 404', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject({ method: 'GET', url: '/assets/nope.js' })).statusCode).toBe(404);
    // Only assets/ is exposed, never the rest of the folder or anything above it.
    expect((await app.inject({ method: 'GET', url: '/secret.txt' })).statusCode).toBe(404);
    const traversal = await app.inject({ method: 'GET', url: '/assets/..%2fsecret.txt' });
    expect(traversal.statusCode).toBeGreaterThanOrEqual(400);
    expect(traversal.body).not.toContain('not an asset');
  });

  it('never shadows the API: /v1, /health, /ready and /metrics keep their own answers', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/v1/no-such-route' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'No route for GET /v1/no-such-route' },
    });
    expect((await app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ data: { status: 'ok' } });
    expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/metrics' })).headers['content-type']).toMatch(
      /^text\/plain/,
    );
    expect((await app.inject({ method: 'GET', url: '/v1/openapi.json' })).json()).toHaveProperty('openapi');
    expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBe(404);
  });

  it('is not registered when the folder holds no built console', async () => {
    const root = await bare.inject({ method: 'GET', url: '/master-admin' });
    expect(root.statusCode).toBe(404);
    expect(root.json().error.code).toBe('NOT_FOUND');
  });
});
