import { describe, expect, it } from 'vitest';
import { activeTenant } from '../identity/support';
import { expectRefused } from '../identity/tenant-admin-support';
import { assignPlan, putTenantOnPlan, useEntitlementsApp } from './support';

/** Per-tenant rate limit from the tenant's plan (api_calls_per_minute), counted in Redis. */
describe('API calls per minute', () => {
  const app = useEntitlementsApp();
  const read = (token: string) => app.t.call({ method: 'GET', url: '/v1/tenants/current', token });

  it("answers 429 past the plan's limit and applies a plan change at once", async () => {
    const { t, root } = app;
    const tenant = await activeTenant(t, root, 'chatty');
    const other = await activeTenant(t, root, 'quiet');
    await putTenantOnPlan(t, root, tenant.tenantId, 'tiny-api', {
      api_calls_per_minute: { soft: null, hard: 3 },
    });

    for (let index = 0; index < 3; index++) {
      const response = await read(tenant.tokens.accessToken);
      expect(response.status).toBe(200);
      expect(response.headers['x-ratelimit-limit']).toBe('3');
    }
    const limited = await read(tenant.tokens.accessToken);
    expectRefused(limited, 429, 'RATE_LIMIT');
    expect(limited.body.error.details).toMatchObject({ limit: 3 });

    // Another tenant on the default plan (120 a minute) is not affected.
    const unaffected = await read(other.tokens.accessToken);
    expect(unaffected.status).toBe(200);
    expect(unaffected.headers['x-ratelimit-limit']).toBe('120');

    // A larger plan lifts the limit on the next request (4 requests counted so far).
    await putTenantOnPlan(t, root, tenant.tenantId, 'roomy-api', {
      api_calls_per_minute: { soft: null, hard: 10 },
    });
    const lifted = await read(tenant.tokens.accessToken);
    expect(lifted.status).toBe(200);
    expect(lifted.headers['x-ratelimit-limit']).toBe('10');

    // Lowering it again applies at once too.
    expect((await assignPlan(t, root, tenant.tenantId, 'tiny-api')).status).toBe(200);
    expectRefused(await read(tenant.tokens.accessToken), 429, 'RATE_LIMIT');
  });

  it('applies a plan edit to every tenant on the plan', async () => {
    const { t, root } = app;
    const tenant = await activeTenant(t, root, 'edited');
    await putTenantOnPlan(t, root, tenant.tenantId, 'edited-api', {
      api_calls_per_minute: { soft: null, hard: 1 },
    });
    expect((await read(tenant.tokens.accessToken)).status).toBe(200);
    expectRefused(await read(tenant.tokens.accessToken), 429, 'RATE_LIMIT');
    await putTenantOnPlan(t, root, tenant.tenantId, 'edited-api', {
      api_calls_per_minute: { soft: null, hard: 5 },
    });
    expect((await read(tenant.tokens.accessToken)).status).toBe(200);
  });
});
