import { validationError } from '@tenantry/core';
import type { FastifyRequest } from 'fastify';
import type { AnyRouteDefinition, RenderedMediaType } from './route';

/** `?format=` values and the media type each asks for; json is the envelope. */
export const renderFormats = { json: null, text: 'text/plain', html: 'text/html' } as const;
export type RenderFormat = keyof typeof renderFormats;

const preferredByAccept = (accept: string | undefined): RenderedMediaType | null => {
  // The first listed type wins: a browser asks text/html first, API clients application/json or */*.
  const first = accept?.split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  return first === 'text/html' || first === 'text/plain' ? first : null;
};

/**
 * The rendering a request asks for, or null for the JSON envelope. Takes
 * `format` out of the query so the route's own query schema never sees it.
 */
export const chooseRendering = (
  route: AnyRouteDefinition,
  request: FastifyRequest,
): { type: RenderedMediaType; render: (data: unknown) => string } | null => {
  if (!route.renders) return null;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const format = query.format;
  delete query.format;
  let type: RenderedMediaType | null;
  if (format === undefined) type = preferredByAccept(request.headers.accept);
  // Own keys only: `constructor` or `toString` is no format.
  else if (typeof format === 'string' && Object.hasOwn(renderFormats, format))
    type = renderFormats[format as RenderFormat];
  else {
    throw validationError('Invalid request query', {
      details: [{ location: 'query', path: 'format', code: 'invalid_value', message: 'json, text or html' }],
    });
  }
  const render = type ? route.renders[type] : undefined;
  return type && render ? { type, render } : null;
};
