import { createTenantryClient, unwrap } from '@tenantry/sdk';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleBrowser, screenshotOnFailure } from './support/browser';
import { type ConsoleServer, ensureConsoleBuilt, startConsoleServer } from './support/console-server';

const password = 'correct horse battery staple 42';
const rootEmail = 'root@mfa.test';
const ownerEmail = 'owner@mill.test';

/** The TOTP code of a secret `offsetSeconds` from now, as an authenticator app shows it. */
const codeAt = (secret: string, offsetSeconds = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

/**
 * The console in a real browser with a superadmin who has TOTP enrolled
 * (through the API with the SDK): the MFA step of the sign-in, then a
 * tenant's page (members, connection mode, plan) and its suspension and
 * reactivation.
 */
describe('superadmin console with MFA, in a browser', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let secret = '';
  let tenantId = '';
  let pageErrors: string[] = [];

  /** An owner's login through the API: the status, and the error code when refused. */
  const ownerLogin = async () => {
    const result = await createTenantryClient({ baseUrl: server.baseUrl }).POST('/v1/auth/login', {
      body: { email: ownerEmail, password, tenantSlug: 'old-mill' },
    });
    return { status: result.response.status, code: result.error?.error.code };
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    server = await startConsoleServer();
    const anonymous = createTenantryClient({ baseUrl: server.baseUrl });
    unwrap(
      await anonymous.POST('/v1/superadmin/setup', { body: { email: rootEmail, password, name: 'Root' } }),
    );
    const login = unwrap(await anonymous.POST('/v1/auth/login', { body: { email: rootEmail, password } }));
    if (!('accessToken' in login)) throw new Error('superadmin login asked for more before MFA');
    const root = createTenantryClient({ baseUrl: server.baseUrl, accessToken: login.accessToken });

    // Enrolment: a new secret, then enabling it with the password and a current code.
    secret = unwrap(await root.POST('/v1/auth/mfa/setup')).secret;
    const enabled = unwrap(
      await root.POST('/v1/auth/mfa/enable', { body: { password, code: await codeAt(secret) } }),
    );
    expect(enabled.recoveryCodes).toHaveLength(10);

    // An active tenant in schema mode, on the default plan.
    const signup = unwrap(
      await anonymous.POST('/v1/auth/signup', {
        body: {
          tenantName: 'Old Mill',
          tenantSlug: 'old-mill',
          email: ownerEmail,
          password,
          name: 'Mill Owner',
        },
      }),
    );
    tenantId = signup.tenant.id;
    unwrap(
      await root.POST('/v1/superadmin/tenants/{id}/approve', {
        params: { path: { id: tenantId } },
        body: { mode: 'schema' },
      }),
    );

    // Refused requests (the wrong code's 401) are logged by the browser itself; they are expected.
    ({ browser, page, pageErrors } = await openConsoleBrowser({
      ignoreConsole: (text) => text.startsWith('Failed to load resource'),
    }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (name: string) => screenshotOnFailure(() => page, name);

  it('asks for the code after the password, shows the API’s refusal of a wrong one, and signs in with the right one', async () => {
    shot('mfa-login-failure');
    await page.goto(`${server.baseUrl}/master-admin/login`);
    await page.getByLabel('E-mail').fill(rootEmail);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();

    // The form's own check (the API's mfaCode contract): too short never leaves the browser.
    await page.getByLabel('Code').fill('123');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('Enter the 6-digit code or a recovery code').waitFor();

    // A well-formed code that is not the authenticator's: the API's INVALID_MFA_CODE, worded by the API.
    const valid = new Set(await Promise.all([-30, 0, 30, 60].map((offset) => codeAt(secret, offset))));
    let wrong = '000000';
    while (valid.has(wrong)) wrong = String(Number(wrong) + 1).padStart(6, '0');
    await page.getByLabel('Code').fill(wrong);
    await page.getByRole('button', { name: 'Verify' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Invalid or already used code').waitFor();
    expect(await alert.textContent()).toContain('INVALID_MFA_CODE');

    // The enrolment used the current step; the next one is within the tolerance and not a replay.
    await page.getByLabel('Code').fill(await codeAt(secret, 30));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const byPlan = page.locator('[data-chart="tenants-by-plan"]');
    await byPlan.locator('svg[aria-label="Tenants by plan"]').waitFor();
    expect(await byPlan.locator('.bar-free title').textContent()).toBe('free: 1');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('shows the tenant’s members, connection mode and plan, then suspends and reactivates it', async () => {
    shot('mfa-tenant-lifecycle-failure');
    await page.goto(`${server.baseUrl}/master-admin/tenants/${tenantId}`);
    await page.getByRole('heading', { name: 'Old Mill', level: 1 }).waitFor();
    await page.locator('[data-connection-mode="schema"]').waitFor();
    const owner = page.locator(`tr[data-member-email="${ownerEmail}"]`);
    await owner.getByText('Mill Owner').waitFor();
    expect(await owner.textContent()).toContain('owner');
    await page.locator('[data-plan-key="free"]').waitFor();
    expect(await page.getByRole('table', { name: 'Plan limits' }).textContent()).toContain('Users');

    // Suspend: the reason is checked with the API's suspendBody contract first.
    await page.getByLabel('Reason').fill('no');
    await page.getByRole('button', { name: 'Suspend tenant' }).click();
    await page.getByText('Give a reason of at least 3 characters').waitFor();
    await page.getByLabel('Reason').fill('unpaid invoices');
    await page.getByRole('button', { name: 'Suspend tenant' }).click();
    await page.getByText('Old Mill is suspended').waitFor();
    await page.locator('.page-head .badge-suspended').waitFor();
    await page.getByText('unpaid invoices').waitFor();
    expect(await ownerLogin()).toEqual({ status: 403, code: 'TENANT_SUSPENDED' });

    await page.getByRole('button', { name: 'Reactivate tenant' }).click();
    await page.getByText('Old Mill is active again.').waitFor();
    await page.locator('.page-head .badge-active').waitFor();
    expect(await ownerLogin()).toEqual({ status: 200, code: undefined });
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
