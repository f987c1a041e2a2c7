import rateLimit from '@fastify/rate-limit';
import { AppError } from '@tenantry/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { ApiConfig } from '../config';

/** Authenticated traffic counts against its tenant; anonymous traffic against the client IP. */
export const rateLimitKey = (request: FastifyRequest): string => {
  const principal = request.principal;
  if (principal?.tenantId) return `tenant:${principal.tenantId}`;
  if (principal) return `principal:${principal.id}`;
  return `ip:${request.ip}`;
};

/** Requests per window a tenant's plan allows; null leaves the configured tenant maximum. */
export type TenantRequestLimit = (tenantId: string, windowMs: number) => Promise<number | null>;

/**
 * Runs after authentication (registered after the request-context plugin, so
 * its onRequest hook follows). With Redis the counters are shared by every
 * API replica; if Redis fails the limiter lets traffic through rather than
 * taking the API down with it.
 */
export const rateLimitPlugin = fp(
  async (
    app: FastifyInstance,
    options: {
      config: ApiConfig['rateLimit'];
      redis: Redis | undefined;
      /** The tenant's own maximum (its plan); if it cannot be read, the configured one applies. */
      tenantLimit?: TenantRequestLimit;
    },
  ) => {
    const { config, tenantLimit } = options;
    const maxFor = async (request: FastifyRequest): Promise<number> => {
      const tenantId = request.principal?.tenantId;
      if (!request.principal) return config.anonymousMax;
      if (!tenantId || !tenantLimit) return config.tenantMax;
      try {
        return (await tenantLimit(tenantId, config.windowMs)) ?? config.tenantMax;
      } catch (error) {
        request.log.warn({ err: error }, 'tenant request limit unavailable; using the configured one');
        return config.tenantMax;
      }
    };
    await app.register(rateLimit, {
      global: true,
      hook: 'onRequest',
      timeWindow: config.windowMs,
      max: maxFor,
      keyGenerator: rateLimitKey,
      ...(options.redis
        ? { redis: options.redis, nameSpace: 'tenantry:rate-limit:', skipOnError: true }
        : {}),
      errorResponseBuilder: (_request, context) => {
        const error = new AppError(
          'RATE_LIMIT',
          `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`,
          {
            details: { limit: context.max, retryAfterSeconds: Math.ceil(context.ttl / 1000) },
          },
        );
        return Object.assign(error, { statusCode: 429 });
      },
    });
  },
);
