import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errorEnvelopeSchema, paginationSchema } from './envelope';
import { type RenderFormat, renderFormats } from './rendering';
import type { AnyRouteDefinition } from './route';

const errorDescriptions: Record<number, string> = {
  400: 'VALIDATION: the request does not match the contract',
  401: 'AUTHN: missing or invalid credentials',
  403: 'AUTHZ: not allowed (or a refining code such as TENANT_SUSPENDED)',
  404: 'NOT_FOUND: no such resource for this caller',
  409: 'CONFLICT: state conflict, or the same Idempotency-Key is still in flight',
  422: 'VALIDATION: Idempotency-Key reused with another body',
  429: 'RATE_LIMIT: too many requests',
  500: 'INTERNAL: unexpected failure',
  503: 'NOT_READY: a dependency is unreachable',
};

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The error statuses a route can answer, derived from what the pipeline does with it. */
export const errorStatusesFor = (route: AnyRouteDefinition): number[] => {
  // The authenticator runs on every request and refuses an unusable Authorization
  // header, public routes included (and login or refresh refuse bad credentials themselves).
  const statuses = new Set<number>([401, 500, ...(route.errors ?? [])]);
  // Fastify parses a JSON body sent to any write route, even one that reads none.
  if (route.params || route.query || route.body || route.renders || writeMethods.has(route.method))
    statuses.add(400);
  if (!('public' in route.access)) statuses.add(403);
  if (route.params) statuses.add(404);
  if (writeMethods.has(route.method)) for (const status of [409, 422]) statuses.add(status);
  if (!route.unlimited) statuses.add(429);
  return [...statuses].sort((a, b) => a - b);
};

const openApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export type OpenApiInfo = {
  title: string;
  version: string;
  description: string;
};

/** The OpenAPI 3.1 document, built from the same declarations that validate requests. */
export const buildOpenApiDocument = (routes: readonly AnyRouteDefinition[], info: OpenApiInfo) => {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An access token (JWT) or a tenant API key',
  });

  for (const route of routes) {
    const dataEnvelope = route.paginated
      ? z.object({ data: route.response, pagination: paginationSchema })
      : z.object({ data: route.response });
    const responses: Record<
      string,
      { description: string; content?: Record<string, { schema: z.ZodType }> }
    > = {
      [String(route.successStatus ?? 200)]: {
        description: route.summary,
        content: {
          'application/json': { schema: dataEnvelope },
          ...Object.fromEntries(
            Object.keys(route.renders ?? {}).map((type) => [type, { schema: z.string() }]),
          ),
        },
      },
    };
    const query = route.renders
      ? (route.query ?? z.object({})).extend({
          format: z
            .enum(Object.keys(renderFormats) as [RenderFormat, ...RenderFormat[]])
            .optional()
            .meta({ description: 'json (default), or a rendered form; an Accept header can choose too' }),
        })
      : route.query;
    for (const status of errorStatusesFor(route)) {
      responses[String(status)] = {
        description: errorDescriptions[status] ?? 'Error',
        content: { 'application/json': { schema: errorEnvelopeSchema } },
      };
    }
    registry.registerPath({
      method: route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete',
      path: openApiPath(route.path),
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.module],
      security: 'public' in route.access ? [] : [{ bearer: [] }],
      ...('permission' in route.access ? { 'x-permission': route.access.permission } : {}),
      ...(route.requires ? { 'x-module': route.requires.module } : {}),
      ...(route.requires?.feature ? { 'x-feature': route.requires.feature } : {}),
      request: {
        ...(route.params ? { params: route.params } : {}),
        ...(query ? { query } : {}),
        ...(route.body
          ? { body: { content: { 'application/json': { schema: route.body } }, required: true } }
          : {}),
        ...(writeMethods.has(route.method)
          ? {
              headers: z.object({
                'idempotency-key': z
                  .string()
                  .min(1)
                  .max(255)
                  .optional()
                  .meta({ description: 'Makes a retry safe: a replay returns the stored response' }),
              }),
            }
          : {}),
      },
      responses,
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
  });
};
