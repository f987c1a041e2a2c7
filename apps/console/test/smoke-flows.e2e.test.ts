import { createTenantryClient, TenantryApiError, unwrap } from '@tenantry/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleBrowser, screenshotOnFailure } from './support/browser';
import { type ConsoleServer, ensureConsoleBuilt, startConsoleServer } from './support/console-server';

const password = 'correct horse battery staple 42';

/**
 * The seed's smoke flows against the real API with its worker: health, a
 * module switched off in the console blocks the tenant's POS routes, and a
 * POS sale made through the SDK deducts the stock.
 */
describe('smoke flows: console module switch and a POS sale through the SDK', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let owner: ReturnType<typeof createTenantryClient>;
  let tenantId = '';
  let pageErrors: string[] = [];

  beforeAll(async () => {
    ensureConsoleBuilt();
    server = await startConsoleServer({ worker: true });
    const anonymous = createTenantryClient({ baseUrl: server.baseUrl });
    unwrap(
      await anonymous.POST('/v1/superadmin/setup', {
        body: { email: 'root@smoke.test', password, name: 'Root' },
      }),
    );
    const root = unwrap(
      await anonymous.POST('/v1/auth/login', { body: { email: 'root@smoke.test', password } }),
    );
    if (!('accessToken' in root)) throw new Error('superadmin login asked for more');
    const signup = unwrap(
      await anonymous.POST('/v1/auth/signup', {
        body: {
          tenantName: 'Corner Shop',
          tenantSlug: 'corner-shop',
          email: 'owner@corner.test',
          password,
          name: 'Owner',
        },
      }),
    );
    tenantId = signup.tenant.id;
    const superadmin = createTenantryClient({ baseUrl: server.baseUrl, accessToken: root.accessToken });
    unwrap(
      await superadmin.POST('/v1/superadmin/tenants/{id}/approve', {
        params: { path: { id: tenantId } },
        body: {},
      }),
    );
    const login = unwrap(
      await anonymous.POST('/v1/auth/login', {
        body: { email: 'owner@corner.test', password, tenantSlug: 'corner-shop' },
      }),
    );
    if (!('accessToken' in login)) throw new Error('owner login asked for more');
    owner = createTenantryClient({ baseUrl: server.baseUrl, accessToken: login.accessToken });

    ({ browser, page, pageErrors } = await openConsoleBrowser());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (name: string) => screenshotOnFailure(() => page, name);

  /** The tenant's POS registers: the status, and the error code when refused. */
  const posRegisters = async () => {
    const result = await owner.GET('/v1/pos/registers', { params: { query: {} } });
    return { status: result.response.status, code: result.error?.error.code };
  };

  it('answers /health', async () => {
    const response = await fetch(`${server.baseUrl}/health`);
    expect(response.status).toBe(200);
  });

  it('blocks the tenant’s POS routes when the superadmin switches the module off in the console', async () => {
    shot('smoke-module-switch-failure');
    expect(await posRegisters()).toEqual({ status: 200, code: undefined });

    await page.goto(`${server.baseUrl}/master-admin/login`);
    await page.getByLabel('E-mail').fill('root@smoke.test');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto(`${server.baseUrl}/master-admin/tenants/${tenantId}`);
    await page.getByRole('heading', { name: 'Corner Shop' }).waitFor();
    const posSwitch = page.getByRole('switch', { name: /Point of sale/ });
    await expect.poll(() => posSwitch.isChecked()).toBe(true);

    await posSwitch.click();
    await expect.poll(() => posSwitch.isChecked()).toBe(false);
    await expect.poll(posRegisters).toEqual({ status: 403, code: 'MODULE_DISABLED' });

    await posSwitch.click();
    await expect.poll(() => posSwitch.isChecked()).toBe(true);
    await expect.poll(posRegisters).toEqual({ status: 200, code: undefined });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('deducts the stock of a POS sale made through the SDK', async () => {
    const location = unwrap(
      await owner.POST('/v1/inventory/locations', { body: { name: 'Shop', code: 'SHOP' } }),
    );
    const item = unwrap(
      await owner.POST('/v1/inventory/items', {
        body: { sku: 'TEA-1', name: 'Green tea', unit: 'each', price: 450, reorderPoint: 0 },
      }),
    );
    unwrap(
      await owner.POST('/v1/inventory/movements', {
        body: { type: 'receive', itemId: item.id, locationId: location.id, quantity: 5, reason: 'delivery' },
      }),
    );
    const register = unwrap(
      await owner.POST('/v1/pos/registers', { body: { name: 'Till 1', locationId: location.id } }),
    );
    const shift = unwrap(
      await owner.POST('/v1/pos/shifts', { body: { registerId: register.id, openingFloat: 2_000 } }),
    );
    const ticket = unwrap(await owner.POST('/v1/pos/tickets', { body: { shiftId: shift.id } }));
    const ticketPath = { params: { path: { id: ticket.id } } };
    const priced = unwrap(
      await owner.POST('/v1/pos/tickets/{id}/lines', {
        ...ticketPath,
        body: { itemId: item.id, quantity: 2 },
      }),
    );
    unwrap(
      await owner.POST('/v1/pos/tickets/{id}/payments', {
        ...ticketPath,
        body: { method: 'cash', amount: priced.total },
      }),
    );
    const settled = unwrap(await owner.POST('/v1/pos/tickets/{id}/settle', ticketPath));
    expect(settled).toMatchObject({ status: 'settled', receiptNumber: 1 });

    const onHand = async () =>
      unwrap(await owner.GET('/v1/inventory/items/{id}/stock', { params: { path: { id: item.id } } })).find(
        (level) => level.locationId === location.id,
      )?.onHand;
    await expect.poll(onHand, { timeout: 15_000 }).toBe(3);

    // A settled ticket is immutable: the SDK surfaces the taxonomy code.
    const again = await owner.POST('/v1/pos/tickets/{id}/settle', ticketPath);
    expect(() => unwrap(again)).toThrow(TenantryApiError);
    expect(again.error?.error.code).toBe('TICKET_NOT_OPEN');
  }, 60_000);
});
