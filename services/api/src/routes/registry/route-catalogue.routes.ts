import { z } from 'zod';
import { type AnyRouteDefinition, defineRoute } from '../../http/route';

const routeEntrySchema = z
  .object({
    operationId: z.string(),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    path: z.string(),
    /** The registry module a tenant needs enabled, or null when none. */
    module: z.string().nullable(),
    feature: z.string().nullable(),
    /** The permission the route demands, or null for public and signed-in-only routes. */
    permission: z.string().nullable(),
  })
  .meta({ id: 'RouteEntry' });

/** What each route needs, from the same declarations the guard enforces. */
export const routeEntries = (routes: readonly AnyRouteDefinition[]) =>
  routes.map((route) => ({
    operationId: route.operationId,
    method: route.method,
    path: route.path,
    module: route.requires?.module ?? null,
    feature: route.requires?.feature ?? null,
    permission: 'permission' in route.access ? route.access.permission : null,
  }));

/**
 * GET /v1/module-registry/routes: every route with the module, feature and
 * permission it needs, so a UI can hide what a tenant lacks. Public: the
 * OpenAPI document publishes the same (x-module, x-feature, x-permission).
 */
export const routeCatalogueRoute = (routes: () => readonly AnyRouteDefinition[]) =>
  defineRoute({
    method: 'GET',
    path: '/v1/module-registry/routes',
    operationId: 'listRouteRequirements',
    summary: 'Every API route with the module, feature and permission it needs',
    module: 'module-registry',
    access: { public: true },
    response: z.array(routeEntrySchema),
    handler: async () => ({ data: routeEntries(routes()) }),
  });
