import type { Principal } from '@tenantry/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { HandlerResult } from './envelope';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route. Every route declares one: `public` routes need no
 * credentials; `authenticated` routes need any signed-in principal, even of a
 * tenant awaiting approval (account routes); `permission` routes need an
 * active tenant's principal holding that permission.
 */
export type RouteAccess = { public: true } | { authenticated: true } | { permission: string };

/** A registry module key (module-registry.json) and optionally one of its feature keys. */
export type RouteRequirement = { module: string; feature?: string };

type ZodObjectLike = z.ZodObject<z.ZodRawShape>;

/** Media types a route may render its response as, besides the JSON envelope. */
export type RenderedMediaType = 'text/plain' | 'text/html';

export interface RouteContext<TParams, TQuery, TBody> {
  params: TParams;
  query: TQuery;
  body: TBody;
  principal: Principal | null;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** One HTTP operation: the single source for validation, OpenAPI and the permission guard. */
export interface RouteDefinition<
  TParams extends ZodObjectLike | undefined = ZodObjectLike | undefined,
  TQuery extends ZodObjectLike | undefined = ZodObjectLike | undefined,
  TBody extends z.ZodType | undefined = z.ZodType | undefined,
  TResponse extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Fastify path syntax, e.g. /v1/inventory/items/:id */
  path: string;
  operationId: string;
  summary: string;
  /** The module the route belongs to: its OpenAPI tag and the `module` in logs. */
  module: string;
  access: RouteAccess;
  /**
   * The registry module (and feature) the route belongs to: a tenant that does
   * not have the module enabled is refused with 403 MODULE_DISABLED, and the
   * OpenAPI document publishes both (x-module, x-feature) so a UI can hide it.
   */
  requires?: RouteRequirement;
  params?: TParams;
  query?: TQuery;
  body?: TBody;
  response: TResponse;
  successStatus?: 200 | 201 | 202;
  paginated?: boolean;
  /**
   * The response carries credentials (tokens, a new API key, an MFA secret or
   * recovery codes): it is never stored for Idempotency-Key replay, so no
   * credential rests in the idempotency table; a retry with the key runs again.
   */
  credentials?: true;
  /** Keep out of the rate limiter (health probes). */
  unlimited?: boolean;
  /**
   * Other forms of the same response (a printable receipt), rendered from its
   * parsed data. Chosen with `?format=text|html` or an Accept header that
   * prefers one; JSON stays the default.
   */
  renders?: Partial<Record<RenderedMediaType, (data: z.infer<TResponse>) => string>>;
  /** Error statuses beyond those the pipeline implies (e.g. 503 for readiness). */
  errors?: number[];
  handler(
    context: RouteContext<
      TParams extends ZodObjectLike ? z.infer<TParams> : Record<string, never>,
      TQuery extends ZodObjectLike ? z.infer<TQuery> : Record<string, never>,
      TBody extends z.ZodType ? z.infer<TBody> : undefined
    >,
  ): Promise<HandlerResult<z.infer<TResponse>>>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds routes of every shape.
export type AnyRouteDefinition = RouteDefinition<any, any, any, any>;

/** Identity function that keeps the route's types inferred from its schemas. */
export const defineRoute = <
  TParams extends ZodObjectLike | undefined = undefined,
  TQuery extends ZodObjectLike | undefined = undefined,
  TBody extends z.ZodType | undefined = undefined,
  TResponse extends z.ZodType = z.ZodType,
>(
  route: RouteDefinition<TParams, TQuery, TBody, TResponse>,
): RouteDefinition<TParams, TQuery, TBody, TResponse> => route;
