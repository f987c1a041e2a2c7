import { AppError, errorCodes } from '@tenantry/core';
import { z } from 'zod';
import { type AnyRouteDefinition, defineRoute } from '../http/route';

export interface ReadinessProbe {
  name: string;
  check(): Promise<void>;
}

const probeTimeoutMs = 2_000;

const withTimeout = (check: Promise<void>): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), probeTimeoutMs);
    check.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/** GET /health (the process is up) and GET /ready (its dependencies answer). */
export const systemRoutes = (probes: readonly ReadinessProbe[]): AnyRouteDefinition[] => [
  defineRoute({
    method: 'GET',
    path: '/health',
    operationId: 'getHealth',
    summary: 'The process is up',
    module: 'system',
    access: { public: true },
    unlimited: true,
    response: z.object({ status: z.literal('ok') }),
    handler: async () => ({ data: { status: 'ok' as const } }),
  }),
  defineRoute({
    method: 'GET',
    path: '/ready',
    operationId: 'getReadiness',
    summary: 'Every dependency (database, Redis when configured) is reachable',
    module: 'system',
    access: { public: true },
    unlimited: true,
    errors: [503],
    response: z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.literal('up')) }),
    handler: async () => {
      const results = await Promise.all(
        probes.map(async (probe) => {
          try {
            await withTimeout(probe.check());
            return [probe.name, 'up'] as const;
          } catch {
            return [probe.name, 'down'] as const;
          }
        }),
      );
      const checks = Object.fromEntries(results);
      if (results.some(([, state]) => state === 'down')) {
        throw new AppError('INTERNAL', 'Not ready: a dependency is unreachable', {
          status: 503,
          code: errorCodes.NOT_READY,
          details: { checks },
        });
      }
      return { data: { status: 'ready' as const, checks: checks as Record<string, 'up'> } };
    },
  }),
];
