import { newId, systemClock } from '@tenantry/core';
import { appendEvent, createInProcessDispatcher, createRelay } from '@tenantry/outbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers';

const gauge = (body: string, name: string): number => {
  const match = body.match(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm'));
  if (!match?.[1]) throw new Error(`${name} missing from /metrics`);
  return Number(match[1]);
};

describe('GET /metrics', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp?.close());

  const scrape = async () => (await testApp.app.inject({ method: 'GET', url: '/metrics' })).body;

  it('shows the outbox backlog rise with committed events and fall as the relay drains it', async () => {
    const tenant = newId();
    const before = gauge(await scrape(), 'tenantry_outbox_pending_events');
    for (let index = 0; index < 5; index++) {
      await testApp.db.router.withTenant(tenant, (tx) =>
        appendEvent(
          tx,
          { tenantId: tenant, type: 'metrics.probe', entityId: 'm', data: {} },
          { clock: systemClock, newId },
        ),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 600));
    const during = await scrape();
    expect(gauge(during, 'tenantry_outbox_pending_events')).toBe(before + 5);
    expect(gauge(during, 'tenantry_outbox_oldest_pending_age_seconds')).toBeGreaterThan(0);
    expect(during).toMatch(/^http_request_duration_seconds_count\{.*\} \d+/m);

    await createRelay({
      router: testApp.db.router,
      dispatcher: createInProcessDispatcher(testApp.db.router, []),
    }).drain();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const after = await scrape();
    expect(gauge(after, 'tenantry_outbox_pending_events')).toBe(0);
    expect(gauge(after, 'tenantry_outbox_oldest_pending_age_seconds')).toBe(0);
  });
});
