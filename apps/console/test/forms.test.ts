import { describe, expect, it } from 'vitest';
import {
  flagForm,
  flagOverrideForm,
  loginForm,
  mfaForm,
  planForm,
  setupForm,
  suspendForm,
  validate,
} from '../src/lib/forms';

describe('console forms', () => {
  it('accepts a login and names each missing field', () => {
    expect(validate(loginForm, { email: 'root@example.test', password: 'x' })).toEqual({
      ok: true,
      data: { email: 'root@example.test', password: 'x' },
    });
    const refused = validate(loginForm, { email: 'not-an-email', password: '' });
    expect(refused).toEqual({
      ok: false,
      errors: { email: 'Enter a valid e-mail address', password: 'Enter your password' },
    });
  });

  it('refuses a short setup password, differing repeats and the e-mail as password', () => {
    const base = { name: 'Root', email: 'root@example.test' };
    expect(validate(setupForm, { ...base, password: 'short', confirm: 'short' })).toMatchObject({
      ok: false,
      errors: { password: 'At least 10 characters' },
    });
    expect(
      validate(setupForm, { ...base, password: 'a long passphrase', confirm: 'another one' }),
    ).toMatchObject({ ok: false, errors: { confirm: 'The passwords differ' } });
    expect(
      validate(setupForm, { ...base, password: 'ROOT@example.test', confirm: 'ROOT@example.test' }),
    ).toMatchObject({ ok: false, errors: { password: 'A password cannot be the e-mail address' } });
    expect(
      validate(setupForm, { ...base, password: 'a long passphrase', confirm: 'a long passphrase' }).ok,
    ).toBe(true);
  });

  it('trims MFA codes and takes recovery codes', () => {
    expect(validate(mfaForm, { code: ' 123456 ' })).toEqual({ ok: true, data: { code: '123456' } });
    expect(validate(mfaForm, { code: 'abcde-fghij' }).ok).toBe(true);
    expect(validate(mfaForm, { code: '123' }).ok).toBe(false);
  });

  it('needs a suspension reason of three characters or more', () => {
    expect(validate(suspendForm, { reason: '  no ' }).ok).toBe(false);
    expect(validate(suspendForm, { reason: 'unpaid invoices' })).toEqual({
      ok: true,
      data: { reason: 'unpaid invoices' },
    });
  });

  it('reads a rollout box as none, a rounded percentage, or an error', () => {
    const flag = { key: 'pos.split-payments', description: 'Split payments', defaultEnabled: false };
    expect(validate(flagForm, { ...flag, rollout: '' })).toMatchObject({ ok: true, data: { rollout: null } });
    expect(validate(flagForm, { ...flag, rollout: '12.345' })).toMatchObject({
      ok: true,
      data: { rollout: 12.35 },
    });
    expect(validate(flagForm, { ...flag, rollout: '101' })).toMatchObject({
      ok: false,
      errors: { rollout: 'A percentage from 0 to 100, or empty' },
    });
    expect(validate(flagForm, { ...flag, key: 'Bad Key', rollout: '' })).toMatchObject({
      ok: false,
      // The contract's own wording: the same regex and message as the API's.
      errors: { key: 'lower-case words joined by ".", "-" or "_"' },
    });
  });

  it('takes only tenant ids for overrides', () => {
    expect(validate(flagOverrideForm, { tenantId: 'acme', enabled: true }).ok).toBe(false);
    expect(
      validate(flagOverrideForm, { tenantId: '0196a1b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b', enabled: false }).ok,
    ).toBe(true);
  });
});

describe('console forms use the API contracts', () => {
  it('refuses what the API contract refuses and words it for people', () => {
    // loginBody caps the password at the policy's maximum; the form says so.
    expect(validate(loginForm, { email: 'root@example.test', password: 'x'.repeat(257) })).toEqual({
      ok: false,
      errors: { password: 'At most 256 characters' },
    });
    // suspendBody trims before counting, as the API does.
    expect(validate(suspendForm, { reason: 'x'.repeat(501) })).toMatchObject({
      ok: false,
      errors: { reason: 'At most 500 characters' },
    });
    // assignPlanBody: the plan key's own pattern, and the contract's wording wins over the form's.
    expect(validate(planForm, { planKey: 'Pro!' })).toEqual({
      ok: false,
      errors: { planKey: 'lower-case letters, digits and hyphens' },
    });
    expect(validate(planForm, { planKey: 'pro' })).toEqual({ ok: true, data: { planKey: 'pro' } });
    // The contracts are strict: a field the API does not take is refused, not sent.
    expect(validate(suspendForm, { reason: 'unpaid invoices', extra: true }).ok).toBe(false);
  });
});
