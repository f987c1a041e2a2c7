import { authnError, authzError, errorCodes, type Principal, validationError } from '@tenantry/core';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { bindLog } from '../plugins/request-context';
import type { AnyRouteDefinition, RouteAccess } from './route';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    operationId?: string;
    module?: string;
  }
}

/** The guard: refuses before any validation or handler work. */
export const assertAccess = (access: RouteAccess, principal: Principal | null): void => {
  if ('public' in access) return;
  if (!principal) throw authnError('Authentication required');
  if ('authenticated' in access) return;
  if (principal.tenantStatus === 'pending') {
    throw authzError('This tenant awaits approval; only account routes are open', {
      code: errorCodes.TENANT_PENDING,
    });
  }
  if (!principal.permissions.includes(access.permission)) {
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
        ...(route.unlimited ? { rateLimit: false } : {}),
      },
      preValidation: async (request, reply) => {
        bindLog(request, reply, { module: route.module, action: route.operationId });
        assertAccess(route.access, request.principal);
      },
      handler: async (request, reply) => {
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
        return result.pagination ? { data, pagination: result.pagination } : { data };
      },
    });
  }
};
