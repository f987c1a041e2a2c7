import { newId } from '@tenantry/core';
import { tenantSettings } from '@tenantry/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, createTestApp, type TestApp } from './helpers';
import { probeRoutes } from './probe-routes';

describe('Idempotency-Key', () => {
  let testApp: TestApp;
  let beforeWrite: (() => Promise<void>) | null = null;
  const tenant = newId();
  const user = newId();
  const writer = asUser(tenant, user, ['probe.setting.write']);

  const countRows = (tenantId: string, key: string) =>
    testApp.db.router.withTenant(
      tenantId,
      async (tx) => (await tx.select().from(tenantSettings)).filter((row) => row.key === key).length,
    );

  const post = (key: string, payload: object, headers: Record<string, string> = writer) =>
    testApp.app.inject({
      method: 'POST',
      url: '/v1/probe/settings',
      headers: { ...headers, 'idempotency-key': key },
      payload,
    });

  beforeAll(async () => {
    testApp = await createTestApp({
      routes: probeRoutes(() => testApp.db, { beforeWrite: async () => beforeWrite?.() }),
    });
  });
  afterAll(() => testApp?.close());

  it('replays the stored response and applies the effect once', async () => {
    const first = await post('key-replay', { key: 'replay', value: 1 });
    expect(first.statusCode).toBe(201);
    const replays = await Promise.all(
      Array.from({ length: 5 }, () => post('key-replay', { key: 'replay', value: 1 })),
    );
    for (const replay of replays) {
      expect(replay.statusCode).toBe(201);
      expect(replay.body).toBe(first.body);
      expect(replay.headers['idempotent-replayed']).toBe('true');
    }
    expect(await countRows(tenant, 'replay')).toBe(1);
  });

  it('answers 422 when the same key comes with another body', async () => {
    await post('key-reuse', { key: 'reuse', value: 1 });
    const other = await post('key-reuse', { key: 'reuse', value: 2 });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers 409 to a twin that arrives while the first is still in flight', async () => {
    let entered = () => {};
    let release = () => {};
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    beforeWrite = () => {
      entered();
      return held;
    };
    const first = post('key-twin', { key: 'twin', value: 1 });
    await inside;
    const twin = await post('key-twin', { key: 'twin', value: 1 });
    expect(twin.statusCode).toBe(409);
    expect(twin.json().error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    release();
    beforeWrite = null;
    expect((await first).statusCode).toBe(201);
    expect(await countRows(tenant, 'twin')).toBe(1);
    const after = await post('key-twin', { key: 'twin', value: 1 });
    expect(after.headers['idempotent-replayed']).toBe('true');
  });

  it('scopes keys to tenant and caller', async () => {
    const otherTenant = newId();
    const sameKey = 'key-shared';
    expect((await post(sameKey, { key: 'scoped', value: 1 })).statusCode).toBe(201);
    const colleague = await post(
      sameKey,
      { key: 'scoped-2', value: 1 },
      asUser(tenant, newId(), ['probe.setting.write']),
    );
    expect(colleague.statusCode).toBe(201);
    expect(colleague.headers['idempotent-replayed']).toBeUndefined();
    const stranger = await post(
      sameKey,
      { key: 'scoped', value: 1 },
      asUser(otherTenant, user, ['probe.setting.write']),
    );
    expect(stranger.statusCode).toBe(201);
    expect(stranger.headers['idempotent-replayed']).toBeUndefined();
    expect(await countRows(otherTenant, 'scoped')).toBe(1);
  });

  it('keeps no result for a refused request or a server error, so a corrected retry runs', async () => {
    // A refusal wrote nothing: the key stays free, and the same key with a fixed body proceeds.
    const invalid = await post('key-invalid', { key: '', value: 1 });
    expect(invalid.statusCode).toBe(400);
    const again = await post('key-invalid', { key: '', value: 1 });
    expect(again.statusCode).toBe(400);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    const fixed = await post('key-invalid', { key: 'fixed', value: 1 });
    expect(fixed.statusCode).toBe(201);
    expect(await countRows(tenant, 'fixed')).toBe(1);

    beforeWrite = async () => {
      throw new Error('database went away');
    };
    const failed = await post('key-retry', { key: 'retry', value: 1 });
    expect(failed.statusCode).toBe(500);
    beforeWrite = null;
    const retried = await post('key-retry', { key: 'retry', value: 1 });
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(await countRows(tenant, 'retry')).toBe(1);
  });

  it('applies one effect when 30 requests race with one key', async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, () => post('key-race', { key: 'race', value: 1 })),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    const fresh = responses.filter(
      (r) => r.statusCode === 201 && r.headers['idempotent-replayed'] === undefined,
    );
    expect(fresh).toHaveLength(1);
    expect(await countRows(tenant, 'race')).toBe(1);
  });

  it('never answers one resource with another resource’s stored response', async () => {
    const put = (url: string) =>
      testApp.app.inject({
        method: 'POST',
        url,
        headers: { ...writer, 'idempotency-key': 'key-url' },
        payload: { key: 'url', value: 1 },
      });
    expect((await put('/v1/probe/settings')).statusCode).toBe(201);
    const otherQuery = await put('/v1/probe/settings?mode=other');
    expect(otherQuery.statusCode).toBe(422);
  });

  it('refuses a malformed key', async () => {
    const response = await post('has spaces', { key: 'k', value: 1 });
    expect(response.statusCode).toBe(400);
  });
});
