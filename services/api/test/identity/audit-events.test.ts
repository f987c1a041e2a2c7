import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeTenant,
  createIdentityTestApp,
  createSuperadmin,
  type IdentityTestApp,
  loginAs,
  strongPassword,
} from './support';

interface AuditEvent {
  id: string;
  tenantId: string | null;
  createdAt: string;
  actorType: string;
  actorId: string | null;
  module: string;
  action: string;
  entityType: string | null;
  entityId: string | null;
  diff: Record<string, { before: unknown; after: unknown }> | null;
  requestId: string | null;
  metadata: Record<string, unknown> | null;
}

type Tenant = Awaited<ReturnType<typeof activeTenant>>;

describe('audit events: the tenant trail and the platform trail', () => {
  let t: IdentityTestApp;
  let root: string;
  let alpha: Tenant;
  let beta: Tenant;
  const startedAt = new Date();

  const read = async (url: string, token: string) => {
    const response = await t.call({ method: 'GET', url, token });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as { data: AuditEvent[]; pagination: { next_cursor: string | null; limit: number } };
  };
  const platformEvents = async (query: string) =>
    (await read(`/v1/superadmin/audit-events?${query}`, root)).data;
  const tenantEvents = async (token: string, query = '') =>
    (await read(`/v1/tenants/current/audit-events?${query}`, token)).data;

  beforeAll(async () => {
    t = await createIdentityTestApp();
    root = (await createSuperadmin(t)).accessToken;
    alpha = await activeTenant(t, root, 'alpha');
    beta = await activeTenant(t, root, 'beta', 'schema');
  });
  afterAll(() => t?.close());

  it('keeps sign-up and approval in the platform scope, naming the pending tenant', async () => {
    const [registered] = await platformEvents(`action=tenant.registered&entityId=${alpha.tenantId}`);
    expect(registered).toMatchObject({
      tenantId: null,
      module: 'identity',
      actorType: 'user',
      actorId: alpha.userId,
      entityType: 'tenant',
      metadata: { tenantId: alpha.tenantId, ip: '203.0.113.10' },
    });
    expect(registered?.requestId).toBeTruthy();
    const user = await platformEvents(`entityType=user&entityId=${alpha.userId}`);
    expect(user.map((event) => event.action)).toEqual(['user.registered']);
    const [approved] = await platformEvents(`action=tenant.approved&entityId=${alpha.tenantId}`);
    expect(approved).toMatchObject({
      actorType: 'superadmin',
      diff: { status: { before: 'pending', after: 'active' } },
    });
  });

  it("shows a tenant its own approval and logins, and nothing of another tenant's", async () => {
    const events = await tenantEvents(alpha.tokens.accessToken);
    expect(events.every((event) => event.tenantId === alpha.tenantId)).toBe(true);
    expect(events.map((event) => event.action)).toEqual(
      expect.arrayContaining(['tenant.approved', 'user.logged_in']),
    );
    const login = events.find((event) => event.action === 'user.logged_in');
    expect(login).toMatchObject({ actorType: 'user', actorId: alpha.userId, entityType: 'session' });
    expect(Object.keys(login ?? {}).sort()).toEqual([
      'action',
      'actorId',
      'actorType',
      'createdAt',
      'diff',
      'entityId',
      'entityType',
      'id',
      'metadata',
      'module',
      'requestId',
      'tenantId',
    ]);

    // Beta's rows live under beta's RLS (in its own schema here): no filter reaches them.
    expect(await tenantEvents(alpha.tokens.accessToken, `actorId=${beta.userId}`)).toEqual([]);
    expect(await tenantEvents(alpha.tokens.accessToken, `entityId=${beta.tenantId}`)).toEqual([]);
    const betaEvents = await tenantEvents(beta.tokens.accessToken);
    expect(betaEvents.length).toBeGreaterThan(0);
    expect(betaEvents.every((event) => event.tenantId === beta.tenantId)).toBe(true);
    // And the superadmin reads beta's trail by naming it.
    const viaPlatform = (await read(`/v1/superadmin/audit-events?tenantId=${beta.tenantId}`, root)).data;
    expect(viaPlatform.map((event) => event.id)).toEqual(betaEvents.map((event) => event.id));
  });

  it('filters by action, actor, entity and time, newest first in cursor pages', async () => {
    const gamma = await activeTenant(t, root, 'gamma');
    for (let index = 0; index < 3; index += 1) await loginAs(t, gamma.email);
    const token = gamma.tokens.accessToken;
    const query = `action=user.logged_in&actorId=${gamma.userId}&entityType=session`;

    const first = await read(`/v1/tenants/current/audit-events?${query}&limit=3`, token);
    expect(first.data).toHaveLength(3);
    expect(first.pagination).toMatchObject({ limit: 3 });
    expect(first.pagination.next_cursor).toEqual(expect.any(String));
    const second = await read(
      `/v1/tenants/current/audit-events?${query}&limit=3&cursor=${first.pagination.next_cursor}`,
      token,
    );
    expect(second.data).toHaveLength(1);
    expect(second.pagination.next_cursor).toBeNull();
    const all = [...first.data, ...second.data];
    expect(new Set(all.map((event) => event.id)).size).toBe(4);
    const times = all.map((event) => new Date(event.createdAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const [newest] = all;
    const one = await tenantEvents(token, `entityType=session&entityId=${newest?.entityId}`);
    expect(one.map((event) => event.id)).toEqual([newest?.id]);
    expect(await tenantEvents(token, `${query}&from=${startedAt.toISOString()}`)).toHaveLength(4);
    expect(await tenantEvents(token, `${query}&to=2000-01-01`)).toEqual([]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await tenantEvents(token, `${query}&from=${tomorrow}`)).toEqual([]);

    for (const bad of ['cursor=not-a-cursor', 'from=yesterday', 'limit=0', 'unknown=1']) {
      const refused = await t.call({ method: 'GET', url: `/v1/tenants/current/audit-events?${bad}`, token });
      expect(refused.status, bad).toBe(400);
    }
  });

  it('records a failed login in the platform scope, with the reason and no password', async () => {
    const secret = 'definitely-not-the-password';
    const failed = await t.call({
      method: 'POST',
      url: '/v1/auth/login',
      ip: '198.51.100.77',
      body: { email: alpha.email, password: secret },
    });
    expect(failed.status).toBe(401);
    const [event] = await platformEvents(`action=user.login_failed&actorId=${alpha.userId}`);
    expect(event).toMatchObject({
      tenantId: null,
      actorType: 'user',
      metadata: { reason: 'wrong_password', email: alpha.email, ip: '198.51.100.77' },
    });
    expect(JSON.stringify(event)).not.toContain(secret);
    // Before the password checks out the tenant is unknown, so its own trail has no such row.
    expect(await tenantEvents(alpha.tokens.accessToken, 'action=user.login_failed')).toEqual([]);
  });

  it("shows a suspension in the platform scope and in the tenant's own trail", async () => {
    const suspended = await t.call({
      method: 'POST',
      url: `/v1/superadmin/tenants/${beta.tenantId}/suspend`,
      token: root,
      body: { reason: 'chargeback' },
    });
    expect(suspended.status).toBe(200);

    const [platform] = await platformEvents(`action=tenant.suspended&entityId=${beta.tenantId}`);
    expect(platform).toMatchObject({
      tenantId: null,
      actorType: 'superadmin',
      diff: { status: { before: 'active', after: 'suspended' } },
      metadata: { reason: 'chargeback' },
    });
    const [own] = await platformEvents(`tenantId=${beta.tenantId}&action=tenant.suspended`);
    expect(own).toMatchObject({
      tenantId: beta.tenantId,
      metadata: { reason: 'chargeback', sessionsEnded: 1 },
    });

    // A suspended tenant's refused login belongs to that tenant.
    const refused = await t.call({
      method: 'POST',
      url: '/v1/auth/login',
      body: { email: beta.email, password: strongPassword },
    });
    expect(refused.status).toBe(403);
    const [login] = await platformEvents(`tenantId=${beta.tenantId}&action=user.login_failed`);
    expect(login).toMatchObject({ actorId: beta.userId, metadata: { reason: 'tenant_suspended' } });
  });

  it('keeps tenant users out of the platform trail and the superadmin out of tenant trails', async () => {
    for (const url of [
      '/v1/superadmin/audit-events',
      `/v1/superadmin/audit-events?tenantId=${beta.tenantId}`,
    ]) {
      const response = await t.call({ method: 'GET', url, token: alpha.tokens.accessToken });
      expect(response.status, url).toBe(403);
    }
    const superadmin = await t.call({ method: 'GET', url: '/v1/tenants/current/audit-events', token: root });
    expect(superadmin.status).toBe(403);
    const anonymous = await t.call({ method: 'GET', url: '/v1/superadmin/audit-events' });
    expect(anonymous.status).toBe(401);
    const unknown = await t.call({
      method: 'GET',
      url: '/v1/superadmin/audit-events?tenantId=0190d1c2-0000-7000-8000-000000000000',
      token: root,
    });
    expect(unknown.status).toBe(404);
  });
});
