import { createHash } from 'node:crypto';
import { newId } from '@tenantry/core';
import { describe, expect, it } from 'vitest';
import { type EvaluableFlag, evaluateFlag, rolloutBucket } from '../src';

const flag = (overrides: Partial<EvaluableFlag> = {}): EvaluableFlag => ({
  key: 'new-checkout',
  defaultEnabled: false,
  rules: { tenants: {}, rollout: null },
  ...overrides,
});

describe('feature flag evaluation', () => {
  it('puts a tenant in the bucket sha256(flag:tenant) -> first 4 bytes as uint32 mod 10,000', () => {
    const tenantId = '0190d5b2-7e3c-7a11-9c3e-5b2a6d1f0e42';
    const expected =
      createHash('sha256').update(`new-checkout:${tenantId}`).digest().readUInt32BE(0) % 10_000;
    expect(rolloutBucket('new-checkout', tenantId)).toBe(expected);
    expect(rolloutBucket('new-checkout', tenantId)).toBeLessThan(10_000);
  });

  it('enables about 25% of 10,000 random tenants at 25%, the same ones on every evaluation', () => {
    const rollout = flag({ rules: { tenants: {}, rollout: { percentage: 25 } } });
    const tenants = Array.from({ length: 10_000 }, () => newId());
    const first = tenants.map((tenantId) => evaluateFlag(rollout, tenantId));
    const share = first.filter(Boolean).length / tenants.length;
    expect(Math.abs(share - 0.25)).toBeLessThanOrEqual(0.02);
    for (let round = 0; round < 3; round += 1) {
      expect(tenants.map((tenantId) => evaluateFlag({ ...rollout }, tenantId))).toEqual(first);
    }
  });

  it('only adds tenants when the percentage rises, and differs between flags', () => {
    const tenants = Array.from({ length: 2_000 }, () => newId());
    const at = (key: string, percentage: number) =>
      tenants.filter((tenantId) =>
        evaluateFlag(flag({ key, rules: { tenants: {}, rollout: { percentage } } }), tenantId),
      );
    const ten = at('a', 10);
    const forty = new Set(at('a', 40));
    expect(ten.every((tenantId) => forty.has(tenantId))).toBe(true);
    expect(at('a', 0)).toEqual([]);
    expect(at('a', 100)).toEqual(tenants);
    expect(at('b', 40)).not.toEqual([...forty]);
  });

  it('lets a tenant override beat the rollout and the default; without rules the default decides', () => {
    const on = newId();
    const off = newId();
    const everyone = flag({ defaultEnabled: true, rules: { tenants: { [off]: false }, rollout: null } });
    expect(evaluateFlag(everyone, newId())).toBe(true);
    expect(evaluateFlag(everyone, off)).toBe(false);
    const nobody = flag({ rules: { tenants: { [on]: true, [off]: false }, rollout: { percentage: 0 } } });
    expect(evaluateFlag(nobody, on)).toBe(true);
    expect(evaluateFlag(nobody, newId())).toBe(false);
    const all = flag({ rules: { tenants: { [off]: false }, rollout: { percentage: 100 } } });
    expect(evaluateFlag(all, off)).toBe(false);
    expect(evaluateFlag(all, newId())).toBe(true);
  });
});
