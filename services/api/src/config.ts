import { envWholeNumber } from '@tenantry/core';
export interface ApiConfig {
  host: string;
  port: number;
  /** Fastify trustProxy: false, true, a hop count, or addresses/CIDRs. X-Forwarded-For is read only from these. */
  trustProxy: boolean | number | string[];
  corsOrigins: string[] | true;
  bodyLimitBytes: number;
  redisUrl: string | undefined;
  rateLimit: {
    windowMs: number;
    /** Requests per window for one tenant's authenticated traffic (all its users and keys together). */
    tenantMax: number;
    /** Requests per window for one client IP without credentials. */
    anonymousMax: number;
  };
  idempotency: { ttlMs: number; lockMs: number };
  publicUrl: string | undefined;
  /** A built console to serve (CONSOLE_DIR); main.ts defaults it to apps/console/dist. */
  consoleDir: string | undefined;
}

const parseTrustProxy = (value: string | undefined): ApiConfig['trustProxy'] => {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((part) => part.trim());
};

/** Every variable the API reads; README.md lists them with these defaults. */
export const apiConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): ApiConfig => ({
  host: env.HOST || '127.0.0.1',
  port: envWholeNumber(env.PORT, 3000),
  trustProxy: parseTrustProxy(env.TRUST_PROXY),
  corsOrigins: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((origin) => origin.trim()) : true,
  bodyLimitBytes: envWholeNumber(env.BODY_LIMIT_BYTES, 1_048_576),
  redisUrl: env.REDIS_URL || undefined,
  rateLimit: {
    windowMs: envWholeNumber(env.RATE_LIMIT_WINDOW_MS, 60_000),
    tenantMax: envWholeNumber(env.RATE_LIMIT_TENANT_MAX, 6_000),
    anonymousMax: envWholeNumber(env.RATE_LIMIT_ANONYMOUS_MAX, 300),
  },
  idempotency: {
    ttlMs: envWholeNumber(env.IDEMPOTENCY_TTL_MS, 86_400_000),
    lockMs: envWholeNumber(env.IDEMPOTENCY_LOCK_MS, 60_000),
  },
  publicUrl: env.PUBLIC_URL || undefined,
  consoleDir: env.CONSOLE_DIR || undefined,
});
