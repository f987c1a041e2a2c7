import { TenantryApiError } from '@tenantry/sdk';
import { describe, expect, it } from 'vitest';
import { auditQueryFrom, emptyAuditFilters } from '../src/lib/audit-filters';
import {
  describeError,
  fieldErrorsFrom,
  formatDate,
  formatDateTime,
  formatDay,
  formatNumber,
  formatPercent,
} from '../src/lib/format';

describe('console formatting', () => {
  it('formats dates in UTC and shows a dash for none', () => {
    expect(formatDate('2025-03-12T23:30:00Z')).toBe('12 Mar 2025');
    expect(formatDateTime('2025-03-12T23:30:00Z')).toBe('12 Mar 2025, 23:30 UTC');
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
    expect(formatDay('2025-03-01')).toBe('1 Mar');
  });

  it('formats numbers and percentages', () => {
    expect(formatNumber(12345)).toBe('12,345');
    expect(formatPercent(12.5)).toBe('12.5 %');
    expect(formatPercent(33.333)).toBe('33.33 %');
  });

  it("shows the API's own message and code, and a plain sentence for a network failure", () => {
    const apiError = new TenantryApiError({
      status: 409,
      code: 'ALREADY_SET_UP',
      message: 'A superadmin already exists',
      requestId: 'req-1',
    });
    expect(describeError(apiError)).toEqual({
      message: 'A superadmin already exists',
      code: 'ALREADY_SET_UP',
      requestId: 'req-1',
    });
    expect(describeError(new TypeError('Failed to fetch')).message).toMatch(/could not be reached/);
    expect(describeError('?')).toEqual({ message: 'Something went wrong.' });
  });

  it("maps a VALIDATION error's body issues to fields, first message per field", () => {
    const error = new TenantryApiError({
      status: 400,
      code: 'VALIDATION',
      message: 'Invalid request body',
      details: [
        { location: 'body', path: 'email', code: 'invalid_format', message: 'Invalid email address' },
        { location: 'body', path: 'email', code: 'too_big', message: 'second' },
        { location: 'body', path: 'rules.rollout.percentage', code: 'too_big', message: 'Too big' },
        { location: 'query', path: 'limit', code: 'too_big', message: 'ignored' },
      ],
    });
    expect(fieldErrorsFrom(error)).toEqual({ email: 'Invalid email address', rules: 'Too big' });
    expect(fieldErrorsFrom(new Error('x'))).toEqual({});
  });

  it('sends only the audit filters that are filled, days as UTC midnights', () => {
    expect(auditQueryFrom(emptyAuditFilters)).toEqual({ limit: 50 });
    expect(
      auditQueryFrom({
        ...emptyAuditFilters,
        action: '  tenant.approved ',
        from: '2025-03-01',
        to: '2025-03-02',
      }),
    ).toEqual({
      limit: 50,
      action: 'tenant.approved',
      from: '2025-03-01T00:00:00Z',
      to: '2025-03-02T00:00:00Z',
    });
  });
});
