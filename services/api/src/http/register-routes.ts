import {
  authnError,
  authzError,
  errorCodes,
  holdsAnywhere,
  type Principal,
  validationError,
} from '@tenantry/core';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { bindLog } from '../plugins/request-context';
import { chooseRendering } from './rendering';
import type { AnyRouteDefinition, RouteAccess, RouteRequirement } from './route';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    operationId?: string;
    module?: string;
    /** The response carries credentials: the idempotency plugin neither stores nor replays it. */
    credentials?: boolean;
  }
}

/**
 * A tenant principal reaches a module's routes only while the module is
 * enabled for its tenant. `modules` unset counts as none: the check fails
 * closed. Platform principals (no tenant) are not tenants of any module.
 */
export const assertModuleEnabled = (requires: RouteRequirement | undefined, principal: Principal): void => {
  if (!requires || principal.tenantId === null) return;
  if (principal.modules?.includes(requires.module)) return;
  throw authzError(`The ${requires.module} module is not enabled for this tenant`, {
    code: errorCodes.MODULE_DISABLED,
    details: { module: requires.module, ...(requires.feature ? { feature: requires.feature } : {}) },
  });
};

/**
 * The guard: refuses before any validation or handler work. A disabled module
 * answers MODULE_DISABLED ahead of the permission check, since its
 * permissions are gone with it and AUTHZ would hide the reason.
 */
export const assertAccess = (
  access: RouteAccess,
  principal: Principal | null,
  requires?: RouteRequirement,
): void => {
  if ('public' in access) return;
  if (!principal) throw authnError('Authentication required');
  if ('authenticated' in access) {
    assertModuleEnabled(requires, principal);
    return;
  }
  if (principal.tenantStatus === 'pending') {
    throw authzError('This tenant awaits approval; only account routes are open', {
      code: errorCodes.TENANT_PENDING,
    });
  }
  assertModuleEnabled(requires, principal);
  // A permission held at one location passes here; the service checks it at the location concerned.
  if (!holdsAnywhere(principal, access.permission)) {
    throw authzError('You do not have permission to do this', { details: { permission: access.permission } });
  }
};

const parsePart = <T>(schema: z.ZodType<T> | undefined, value: unknown, location: string): T | undefined => {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? (location === 'body' ? undefined : {}));
  if (result.success) return result.data;
  throw validationError(`Invalid request ${location}`, {
    details: result.error.issues.map((issue) => ({
      location,
      path: issue.path.map(String).join('.'),
      code: issue.code,
      message: issue.message,
    })),
  });
};

/** Registers declared routes: guard, zod validation, handler, response envelope. */
export const registerRoutes = (app: FastifyInstance, routes: readonly AnyRouteDefinition[]): void => {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.path,
      config: {
        operationId: route.operationId,
        module: route.module,
        ...(route.credentials ? { credentials: true } : {}),
        ...(route.unlimited ? { rateLimit: false } : {}),
      },
      preValidation: async (request, reply) => {
        bindLog(request, reply, { module: route.module, action: route.operationId });
        assertAccess(route.access, request.principal, route.requires);
      },
      handler: async (request, reply) => {
        const rendering = chooseRendering(route, request);
        const result = await route.handler({
          params: parsePart(route.params, request.params, 'params') ?? {},
          query: parsePart(route.query, request.query, 'query') ?? {},
          body: parsePart(route.body, request.body, 'body'),
          principal: request.principal,
          request,
          reply,
        });
        // Parsing the response strips every field the contract does not name,
        // so an internal column (a hash, a secret) can never reach a client.
        const data = route.response.parse(result.data);
        reply.code(route.successStatus ?? 200);
        if (rendering) return reply.type(`${rendering.type}; charset=utf-8`).send(rendering.render(data));
        return result.pagination ? { data, pagination: result.pagination } : { data };
      },
    });
  }
};
