import { type Clock, systemClock, validationError } from '@tenantry/core';
import type { DatabaseRuntime } from '@tenantry/db';
import { registerMetrics } from '@tenantry/observability';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import type { Redis } from 'ioredis';
import type { ApiConfig } from './config';
import { buildOpenApiDocument } from './http/openapi';
import { registerRoutes } from './http/register-routes';
import type { AnyRouteDefinition } from './http/route';
import { idempotencyPlugin } from './idempotency/idempotency.plugin';
import { createIdempotencyService } from './idempotency/idempotency.service';
import { consoleBuildExists, consolePlugin } from './plugins/console';
import { errorHandlerPlugin } from './plugins/error-handler';
import { rateLimitPlugin, type TenantRequestLimit } from './plugins/rate-limit';
import {
  type Authenticator,
  anonymousOnly,
  requestContextPlugin,
  requestIdFrom,
} from './plugins/request-context';
import { securityPlugin } from './plugins/security';
import { registerDocs } from './routes/docs.routes';
import { routeCatalogueRoute } from './routes/registry/route-catalogue.routes';
import { type ReadinessProbe, systemRoutes } from './routes/system.routes';

export interface AppDeps {
  config: ApiConfig;
  db: DatabaseRuntime;
  redis?: Redis;
  clock?: Clock;
  authenticate?: Authenticator;
  /** A tenant's requests per window from its plan; without it every tenant has config.rateLimit.tenantMax. */
  tenantRequestLimit?: TenantRequestLimit;
  /** Module routes, contributed by the composition root. */
  routes?: readonly AnyRouteDefinition[];
  logger?: FastifyServerOptions['logger'];
  /** Serve GET /metrics (on by default). */
  metrics?: boolean;
  /**
   * A built superadmin console (apps/console/dist) to serve under / and
   * /master-admin; ignored when the folder holds no index.html.
   */
  consoleDir?: string;
}

export const apiVersion = '0.1.0';

/** Every route the app serves, system routes included: the source of the OpenAPI document. */
export const allRoutes = (deps: Pick<AppDeps, 'db' | 'redis' | 'routes'>): AnyRouteDefinition[] => {
  const probes: ReadinessProbe[] = [{ name: 'database', check: () => deps.db.ping() }];
  const redis = deps.redis;
  if (redis) probes.push({ name: 'redis', check: async () => void (await redis.ping()) });
  const routes = [...systemRoutes(probes), ...(deps.routes ?? [])];
  // The route catalogue lists every route, itself included, from the same declarations.
  routes.push(routeCatalogueRoute(() => routes));
  return routes;
};

/** Builds the HTTP app without listening: tests inject, main.ts listens. */
export const buildApp = async (deps: AppDeps): Promise<FastifyInstance> => {
  const { config } = deps;
  const app = Fastify({
    logger: deps.logger ?? false,
    // A hop count becomes a function: Fastify's types accept only the other forms.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    // The router refuses some URLs before any hook runs (a bad escape, an over-long
    // parameter): answer those in the envelope too, as a 400 like any bad input.
    frameworkErrors: (error, _request, reply) => {
      const message =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long' : 'The URL is not valid';
      // Fastify types this reply's generics loosely here; it is a plain reply.
      void (reply as FastifyReply).code(400).send({ error: validationError(message).toBody() });
    },
    logController: new LogController({
      requestIdLogLabel: 'request_id',
      // Probes every few seconds would drown the log.
      disableRequestLogging: (request) => request.url === '/health' || request.url === '/ready',
    }),
    genReqId: (request) => requestIdFrom(request.headers['x-request-id']),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { ignoreTrailingSlash: true },
  });

  await app.register(errorHandlerPlugin);
  if (deps.metrics !== false) await registerMetrics(app, { router: deps.db.router });
  await app.register(securityPlugin, { corsOrigins: config.corsOrigins });
  await app.register(requestContextPlugin, { authenticate: deps.authenticate ?? anonymousOnly });
  await app.register(rateLimitPlugin, {
    config: config.rateLimit,
    redis: deps.redis,
    tenantLimit: deps.tenantRequestLimit,
  });
  await app.register(idempotencyPlugin, {
    service: createIdempotencyService({
      router: deps.db.router,
      clock: deps.clock ?? systemClock,
      ttlMs: config.idempotency.ttlMs,
      lockMs: config.idempotency.lockMs,
    }),
  });

  const routes = allRoutes(deps);
  registerRoutes(app, routes);
  await registerDocs(
    app,
    buildOpenApiDocument(routes, {
      title: 'Tenantry API',
      version: apiVersion,
      description: 'Multi-tenant platform: identity, RBAC, modules, billing, POS and inventory.',
    }),
  );
  if (consoleBuildExists(deps.consoleDir)) await app.register(consolePlugin, { root: deps.consoleDir });
  return app;
};
