import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../src/api/session-store';
import { axisTicks, barLayout, linePath, niceMax, plotPoints, sparseLabels } from '../src/lib/chart';
import { pathFor, routeFromPath } from '../src/lib/routes';

const frame = { width: 100, height: 60, padding: { top: 10, right: 0, bottom: 10, left: 0 } };

describe('chart geometry', () => {
  it('rounds axis maxima up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0, 0.4, 1, 3, 7, 12, 24, 26, 480].map(niceMax)).toEqual([1, 0.5, 1, 5, 10, 20, 25, 50, 500]);
    expect(axisTicks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(axisTicks(10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(axisTicks(1)).toEqual([0, 1]);
    expect(axisTicks(0.5)).toEqual([0, 0.13, 0.25, 0.38, 0.5]);
  });

  it('spreads points across the frame with y growing downwards', () => {
    const points = plotPoints([0, 5, 10], 10, frame);
    expect(points).toEqual([
      { x: 0, y: 50 },
      { x: 50, y: 30 },
      { x: 100, y: 10 },
    ]);
    expect(linePath(points)).toBe('M0.0 50.0 L50.0 30.0 L100.0 10.0');
    expect(plotPoints([3], 10, frame)[0]?.x).toBe(50);
  });

  it('lays bars out in equal slots with their height to scale', () => {
    const bars = barLayout(
      [
        { label: 'a', value: 10 },
        { label: 'b', value: 0 },
      ],
      10,
      frame,
    );
    expect(bars[0]).toMatchObject({ x: 6.25, width: 37.5, y: 10, height: 40 });
    expect(bars[1]).toMatchObject({ x: 56.25, height: 0, y: 50 });
  });

  it('keeps at most the asked number of labels, the last included', () => {
    expect([...sparseLabels(Array.from({ length: 30 }), 6)]).toEqual([0, 5, 10, 15, 20, 25, 29]);
    expect([...sparseLabels([1, 2], 6)]).toEqual([0, 1]);
  });
});

describe('console routes', () => {
  it('reads every route under /master-admin and writes it back', () => {
    const id = '0196a1b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b';
    expect(routeFromPath('/')).toEqual({ name: 'dashboard' });
    expect(routeFromPath('/master-admin/')).toEqual({ name: 'dashboard' });
    expect(routeFromPath('/master-admin/login')).toEqual({ name: 'login' });
    expect(routeFromPath(`/master-admin/tenants/${id}`)).toEqual({ name: 'tenant', id });
    expect(routeFromPath('/master-admin/tenants/acme').name).toBe('not-found');
    expect(routeFromPath('/v1/superadmin/tenants').name).toBe('not-found');
    for (const route of [
      { name: 'tenants' } as const,
      { name: 'tenant', id } as const,
      { name: 'setup' } as const,
    ]) {
      expect(routeFromPath(pathFor(route))).toEqual(route);
    }
  });
});

describe('session store', () => {
  it('keeps a token pair and reads junk as signed out', () => {
    const map = new Map<string, string>();
    const storage = {
      getItem: (key: string) => map.get(key) ?? null,
      setItem: (key: string, value: string) => void map.set(key, value),
      removeItem: (key: string) => void map.delete(key),
    };
    const store = createSessionStore(storage);
    expect(store.read()).toBeNull();
    store.write({ accessToken: 'a', refreshToken: 'r' });
    expect(store.read()).toEqual({ accessToken: 'a', refreshToken: 'r' });
    map.set('tenantry.console.session', '{not json');
    expect(store.read()).toBeNull();
    store.clear();
    expect(map.size).toBe(0);
  });
});
