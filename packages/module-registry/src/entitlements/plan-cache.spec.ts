import { describe, expect, it } from 'vitest';
import type { PlanLimits } from './entitlements.contracts';
import { createPlanCache } from './plan-cache';
import { periodOf } from './quotas';

const limits = (hard: number): PlanLimits => ({
  users: { soft: null, hard },
  locations: { soft: null, hard: null },
  pos_tickets_per_month: { soft: null, hard: null },
  api_calls_per_minute: { soft: null, hard },
});

describe('createPlanCache', () => {
  const setup = () => {
    let time = 0;
    const loads: string[] = [];
    let hard = 1;
    const cache = createPlanCache(
      async (tenantId) => {
        loads.push(tenantId);
        if (hard < 0) throw new Error('database down');
        return limits(hard);
      },
      { ttlMs: 1_000, now: () => time },
    );
    return {
      cache,
      loads,
      advance: (ms: number) => {
        time += ms;
      },
      setHard: (value: number) => {
        hard = value;
      },
    };
  };

  it('reads a tenant once per lifetime and again after it', async () => {
    const { cache, loads, advance, setHard } = setup();
    expect((await cache.limitsOf('a')).users.hard).toBe(1);
    setHard(2);
    advance(999);
    expect((await cache.limitsOf('a')).users.hard).toBe(1);
    advance(1);
    expect((await cache.limitsOf('a')).users.hard).toBe(2);
    expect(loads).toEqual(['a', 'a']);
  });

  it('forgets one tenant or all of them at once', async () => {
    const { cache, loads, setHard } = setup();
    await cache.limitsOf('a');
    await cache.limitsOf('b');
    setHard(5);
    cache.forget('a');
    expect((await cache.limitsOf('a')).users.hard).toBe(5);
    expect((await cache.limitsOf('b')).users.hard).toBe(1);
    cache.forget();
    expect((await cache.limitsOf('b')).users.hard).toBe(5);
    expect(loads).toEqual(['a', 'b', 'a', 'b']);
  });

  it('does not remember a failed read', async () => {
    const { cache, loads, setHard } = setup();
    setHard(-1);
    await expect(cache.limitsOf('a')).rejects.toThrow('database down');
    setHard(3);
    expect((await cache.limitsOf('a')).users.hard).toBe(3);
    expect(loads).toEqual(['a', 'a']);
  });
});

describe('periodOf', () => {
  it('names the UTC month for monthly quotas, nothing for gauges and rates', () => {
    const at = new Date('2026-04-30T23:30:00-02:00');
    expect(periodOf('pos_tickets_per_month', at)).toBe('2026-05');
    expect(periodOf('users', at)).toBe('');
    expect(periodOf('api_calls_per_minute', at)).toBeNull();
  });
});
