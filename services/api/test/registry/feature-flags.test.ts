import { rolloutBucket } from '@tenantry/module-registry';
import { describe, expect, it } from 'vitest';
import { expectForbidden, ownerOf, useRegistryApp } from './support';

describe('feature flags over HTTP', () => {
  const app = useRegistryApp();
  const asRoot = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    app.t.call({ method, url, token: app.root, body });
  const evaluated = async (token: string) => {
    const response = await app.t.call({ method: 'GET', url: '/v1/feature-flags', token });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return Object.fromEntries(
      (response.body.data as { key: string; enabled: boolean }[]).map((flag) => [flag.key, flag.enabled]),
    );
  };

  it('evaluates overrides, then the rollout, then the default for the caller’s tenant', async () => {
    const alpha = await ownerOf(app, 'alpha');
    const beta = await ownerOf(app, 'beta');
    const created = await asRoot('POST', '/v1/superadmin/feature-flags', {
      key: 'new-receipts',
      description: 'The new receipt layout',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data).toMatchObject({
      key: 'new-receipts',
      defaultEnabled: false,
      rules: { tenants: {}, rollout: null },
      archived: false,
    });
    expect((await evaluated(alpha.token))['new-receipts']).toBe(false);

    // Everyone is in a 100% rollout, except a tenant overridden off.
    const patched = await asRoot('PATCH', '/v1/superadmin/feature-flags/new-receipts', {
      rules: { tenants: { [beta.tenantId]: false }, rollout: { percentage: 100 } },
    });
    expect(patched.status).toBe(200);
    expect((await evaluated(alpha.token))['new-receipts']).toBe(true);
    expect((await evaluated(beta.token))['new-receipts']).toBe(false);

    // At a percentage, the answer is the tenant's bucket, every time.
    await asRoot('PATCH', '/v1/superadmin/feature-flags/new-receipts', {
      rules: { tenants: {}, rollout: { percentage: 50 } },
    });
    const expected = rolloutBucket('new-receipts', alpha.tenantId) < 5_000;
    for (let round = 0; round < 3; round += 1) {
      expect((await evaluated(alpha.token))['new-receipts']).toBe(expected);
    }

    const archived = await asRoot('DELETE', '/v1/superadmin/feature-flags/new-receipts');
    expect(archived.status).toBe(200);
    expect(archived.body.data.archived).toBe(true);
    expect(await evaluated(alpha.token)).not.toHaveProperty('new-receipts');
    expect((await asRoot('GET', '/v1/superadmin/feature-flags')).body.data).toEqual([]);
    expect((await asRoot('GET', '/v1/superadmin/feature-flags?archived=true')).body.data).toHaveLength(1);
    expect((await asRoot('DELETE', '/v1/superadmin/feature-flags/new-receipts')).status).toBe(409);
    expect(
      (await asRoot('POST', '/v1/superadmin/feature-flags', { key: 'new-receipts', description: 'x' }))
        .status,
    ).toBe(409);

    const trail = await asRoot('GET', '/v1/superadmin/audit-events?action=flag.updated');
    expect(trail.body.data).toHaveLength(2);
  });

  it('validates flag definitions', async () => {
    const bad = [
      { key: 'Bad Key', description: 'x' },
      { key: 'ok-key', description: '' },
      { key: 'ok-key', description: 'x', rules: { tenants: {}, rollout: { percentage: 101 } } },
      { key: 'ok-key', description: 'x', rules: { tenants: {}, rollout: { percentage: -1 } } },
      { key: 'ok-key', description: 'x', rules: { tenants: { 'not-a-tenant': true }, rollout: null } },
      { key: 'ok-key', description: 'x', rules: { tenants: {}, rollout: null, everyone: true } },
      { key: 'ok-key', description: 'x', defaultEnabled: 'yes' },
    ];
    for (const body of bad) {
      const response = await asRoot('POST', '/v1/superadmin/feature-flags', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect(
      (await asRoot('PATCH', '/v1/superadmin/feature-flags/missing', { defaultEnabled: true })).status,
    ).toBe(404);
    expect((await asRoot('PATCH', '/v1/superadmin/feature-flags/missing', {})).status).toBe(400);
  });

  it('keeps definitions for superadmins and evaluations for tenants', async () => {
    const owner = await ownerOf(app, 'gamma');
    await expectForbidden(app, owner.token, [
      ['GET', '/v1/superadmin/feature-flags'],
      ['POST', '/v1/superadmin/feature-flags'],
      ['PATCH', '/v1/superadmin/feature-flags/any'],
      ['DELETE', '/v1/superadmin/feature-flags/any'],
    ]);
    expect((await app.t.call({ method: 'GET', url: '/v1/feature-flags', token: app.root })).status).toBe(403);
    expect((await app.t.call({ method: 'GET', url: '/v1/feature-flags' })).status).toBe(401);
  });
});
