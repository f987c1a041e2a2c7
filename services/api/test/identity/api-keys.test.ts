import { createHash } from 'node:crypto';
import { queryRows } from '@tenantry/db';
import { identityPermissions } from '@tenantry/identity';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeTenant,
  type CallOptions,
  createIdentityTestApp,
  createSuperadmin,
  type IdentityTestApp,
} from './support';
import { auditActionsAbout, expectRefused } from './tenant-admin-support';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const compact = (id: string) => id.replaceAll('-', '');

describe('API keys: tenant-bound, permission subsets, revocation', () => {
  let t: IdentityTestApp;
  let a: Awaited<ReturnType<typeof activeTenant>>;
  let b: Awaited<ReturnType<typeof activeTenant>>;
  /** Every response body of this file, and every key created: scanned for hashes at the end. */
  const bodies: string[] = [];
  const keys: string[] = [];

  const call = async (options: CallOptions) => {
    const response = await t.call(options);
    bodies.push(JSON.stringify(response.body));
    return response;
  };
  const createKey = async (token: string, name: string, permissions: string[]) => {
    const response = await call({
      method: 'POST',
      url: '/v1/tenants/current/api-keys',
      token,
      body: { name, permissions },
    });
    if (response.status === 201) keys.push(response.body.data.key);
    return response;
  };
  const current = (token: string) => call({ method: 'GET', url: '/v1/tenants/current', token });
  const listKeys = (token: string) => call({ method: 'GET', url: '/v1/tenants/current/api-keys', token });
  const revoke = (token: string, id: string) =>
    call({ method: 'DELETE', url: `/v1/tenants/current/api-keys/${id}`, token });

  beforeAll(async () => {
    t = await createIdentityTestApp();
    const root = (await createSuperadmin(t)).accessToken;
    a = await activeTenant(t, root, 'keys-a');
    // Tenant B keeps its data in its own schema: isolation holds across storages, not just rows.
    b = await activeTenant(t, root, 'keys-b', 'schema');
  });
  afterAll(() => t?.close());

  it('reads its own tenant, and a forged key naming another tenant is refused', async () => {
    const created = await createKey(a.tokens.accessToken, 'reader', [identityPermissions.tenantRead]);
    expect(created.status).toBe(201);
    expect(Object.keys(created.body.data).sort()).toEqual(
      ['createdAt', 'id', 'key', 'name', 'permissions', 'prefix'].sort(),
    );
    const key = created.body.data.key as string;
    expect(key).toMatch(new RegExp(`^tnty_${compact(a.tenantId)}_`));
    const [stored] = await t.db.router.withTenant(a.tenantId, (tx) =>
      queryRows<{ key_hash: string }>(
        tx,
        sql`select key_hash from api_keys where id = ${created.body.data.id}`,
      ),
    );
    expect(stored?.key_hash).toBe(sha256(key));

    const own = await current(key);
    expect(own.status).toBe(200);
    expect(own.body.data).toMatchObject({ id: a.tenantId, slug: a.slug });

    expect((await createKey(b.tokens.accessToken, 'b reader', [identityPermissions.tenantRead])).status).toBe(
      201,
    );
    const secretOfA = key.split('_').slice(2).join('_');
    const forged = await current(`tnty_${compact(b.tenantId)}_${secretOfA}`);
    expectRefused(forged, 401, 'INVALID_TOKEN');
  });

  it('lists and revokes only its own tenant’s keys: another tenant’s key id is NOT_FOUND', async () => {
    const manager = await createKey(a.tokens.accessToken, 'key manager', [
      identityPermissions.apiKeyManage,
      identityPermissions.tenantRead,
    ]);
    const managerKey = manager.body.data.key as string;
    const ofB = await createKey(b.tokens.accessToken, 'b integration', [identityPermissions.tenantRead]);
    const keyOfB = ofB.body.data.key as string;

    const listed = await listKeys(managerKey);
    expect(listed.status).toBe(200);
    const ids = listed.body.data.map((entry: { id: string }) => entry.id);
    expect(ids).toContain(manager.body.data.id);
    expect(ids).not.toContain(ofB.body.data.id);

    const crossRevoke = await revoke(managerKey, ofB.body.data.id);
    expect(crossRevoke.status).toBe(404);
    expect((await current(keyOfB)).status).toBe(200);
    const bList = await listKeys(b.tokens.accessToken);
    expect(bList.body.data).toContainEqual(
      expect.objectContaining({ id: ofB.body.data.id, revokedAt: null }),
    );
  });

  it('does only what its permissions allow, and never holds more than its creator', async () => {
    const reader = await createKey(a.tokens.accessToken, 'narrow', [identityPermissions.tenantRead]);
    const readerKey = reader.body.data.key as string;
    expect((await call({ method: 'GET', url: '/v1/tenants/current/members', token: readerKey })).status).toBe(
      403,
    );
    expect((await createKey(readerKey, 'escalation', [identityPermissions.tenantRead])).status).toBe(403);

    const beyondOwner = await createKey(a.tokens.accessToken, 'too much', [
      identityPermissions.tenantRead,
      'platform.tenant.manage',
    ]);
    expect(beyondOwner.status).toBe(403);
    expect(beyondOwner.body.error.details).toEqual({ permissions: ['platform.tenant.manage'] });

    // A key that manages keys mints only within its own permissions.
    const minter = await createKey(a.tokens.accessToken, 'minter', [
      identityPermissions.apiKeyManage,
      identityPermissions.tenantRead,
    ]);
    const minterKey = minter.body.data.key as string;
    const wider = await createKey(minterKey, 'wider', [identityPermissions.memberRead]);
    expect(wider.status).toBe(403);
    const narrower = await createKey(minterKey, 'narrower', [identityPermissions.tenantRead]);
    expect(narrower.status).toBe(201);
    // A key has no role, so it cannot hand one out.
    const invite = await call({
      method: 'POST',
      url: '/v1/tenants/current/invitations',
      token: minterKey,
      body: { email: 'someone@example.test', role: 'viewer' },
    });
    expect(invite.status).toBe(403);
  });

  it('is refused on its next use once revoked, and records when it was last used', async () => {
    const created = await createKey(a.tokens.accessToken, 'short-lived', [identityPermissions.tenantRead]);
    const { id, key } = created.body.data as { id: string; key: string };
    expect((await current(key)).status).toBe(200);
    const used = (await listKeys(a.tokens.accessToken)).body.data.find(
      (entry: { id: string }) => entry.id === id,
    );
    expect(used.lastUsedAt).not.toBeNull();
    expect(used.revokedAt).toBeNull();

    const revoked = await revoke(a.tokens.accessToken, id);
    expect(revoked.status).toBe(200);
    expect(revoked.body.data).toMatchObject({ id, revokedAt: expect.any(String) });
    const refused = await current(key);
    expect(refused.status).toBe(401);
    expect((await revoke(a.tokens.accessToken, id)).status).toBe(404);
    expect(await auditActionsAbout(t, a.tenantId, id)).toEqual(['api_key.created', 'api_key.revoked']);
  });

  it('never answers with a key hash, and never lists a key', async () => {
    expect(keys.length).toBeGreaterThan(5);
    const everything = bodies.join('\n');
    for (const key of keys) expect(everything).not.toContain(sha256(key));
    expect(everything).not.toMatch(/keyHash|key_hash/);
    for (const token of [a.tokens.accessToken, b.tokens.accessToken]) {
      const listed = JSON.stringify((await listKeys(token)).body);
      for (const key of keys) expect(listed).not.toContain(key);
      expect(listed).not.toMatch(/tnty_[0-9a-f]{32}_/);
    }
  });
});
