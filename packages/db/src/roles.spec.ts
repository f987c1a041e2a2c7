import { describe, expect, it } from 'vitest';
import { quoteLiteral } from './roles';

describe('quoteLiteral', () => {
  it('quotes a plain value and doubles its quotes', () => {
    expect(quoteLiteral('tenantry_app')).toBe("'tenantry_app'");
    expect(quoteLiteral("o'brien")).toBe("'o''brien'");
    expect(quoteLiteral('')).toBe("''");
  });

  it('writes a value with backslashes as an E string with them doubled', () => {
    expect(quoteLiteral("a\\'; drop table x; --")).toBe("E'a\\\\''; drop table x; --'");
  });

  it('refuses NUL, which no Postgres string can hold', () => {
    expect(() => quoteLiteral('a\0b')).toThrow(/NUL/);
  });
});
