import { AppError, type Principal } from '@tenantry/core';
import { describe, expect, it } from 'vitest';
import { assertAccess } from '../../src';

const tenantUser = (overrides: Partial<Principal> = {}): Principal => ({
  kind: 'user',
  id: '0190d1c2-0000-7000-8000-000000000001',
  tenantId: '0190d1c2-0000-7000-8000-000000000002',
  roles: ['cashier'],
  permissions: ['pos.ticket.settle'],
  tenantStatus: 'active',
  modules: ['identity', 'rbac', 'registry', 'pos'],
  ...overrides,
});

const refusal = (run: () => void): { code: string; status: number } | null => {
  try {
    run();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { code: (error as AppError).code, status: (error as AppError).status };
  }
};

describe('module guard', () => {
  const settle = { permission: 'pos.ticket.settle' };
  const pos = { module: 'pos', feature: 'pos.tickets' };

  it('lets a tenant through while its module is enabled', () => {
    expect(refusal(() => assertAccess(settle, tenantUser(), pos))).toBeNull();
    expect(refusal(() => assertAccess({ authenticated: true }, tenantUser(), pos))).toBeNull();
  });

  it('answers MODULE_DISABLED ahead of the permission check, and fails closed without modules', () => {
    const disabled = { code: 'MODULE_DISABLED', status: 403 };
    const withoutPos = tenantUser({ modules: ['identity'], permissions: [] });
    expect(refusal(() => assertAccess(settle, withoutPos, pos))).toEqual(disabled);
    expect(refusal(() => assertAccess({ authenticated: true }, withoutPos, pos))).toEqual(disabled);
    expect(refusal(() => assertAccess(settle, tenantUser({ modules: undefined }), pos))).toEqual(disabled);
    // Without a requirement, the same principal meets the ordinary permission check.
    expect(refusal(() => assertAccess(settle, withoutPos))).toEqual({ code: 'AUTHZ', status: 403 });
  });

  it('keeps the tenant-pending and sign-in answers, and leaves platform principals and public routes alone', () => {
    const pending = tenantUser({ tenantStatus: 'pending', modules: [] });
    expect(refusal(() => assertAccess(settle, pending, pos))?.code).toBe('TENANT_PENDING');
    expect(refusal(() => assertAccess(settle, null, pos))?.code).toBe('AUTHN');
    expect(refusal(() => assertAccess({ public: true }, tenantUser({ modules: [] }), pos))).toBeNull();
    const superadmin = tenantUser({ kind: 'superadmin', tenantId: null, modules: undefined });
    expect(refusal(() => assertAccess(settle, superadmin, pos))).toBeNull();
  });
});
