import type { AnyRouteDefinition } from '../src';

/**
 * The rules CI holds the OpenAPI document to. Findings read
 * "METHOD /path: what is wrong", so a failing test names every operation to fix.
 * The error-response rule is derived from the document's own shape (parameters,
 * body, security, method), not from the generator's errorStatusesFor, so a
 * generator that stops documenting a status is caught.
 */

type Parameter = { name: string; in: string };
type MediaTypes = Record<string, { schema?: Record<string, unknown> }>;
type Operation = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content?: MediaTypes };
  responses?: Record<string, { content?: MediaTypes }>;
};
export type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components?: { securitySchemes?: Record<string, { type?: string; scheme?: string }> };
};

const methods = ['get', 'put', 'post', 'patch', 'delete'] as const;
const writeMethods = new Set(['post', 'put', 'patch', 'delete']);
const errorEnvelopeRef = '#/components/schemas/ErrorEnvelope';
const paginationRef = '#/components/schemas/Pagination';

const openApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Every operation in the document with its method and path. */
export const operationsOf = (document: OpenApiDocument) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    methods.flatMap((method) => (item[method] ? [{ method, path, operation: item[method] }] : [])),
  );

/** The error statuses an operation of this shape can answer, at least. */
const requiredErrorStatuses = (
  method: string,
  operation: Operation,
  route: AnyRouteDefinition | undefined,
): string[] => {
  const parameters = operation.parameters ?? [];
  const statuses = new Set(['401', '500', ...(route?.errors ?? []).map(String)]);
  const takesInput = parameters.some((p) => p.in === 'path' || p.in === 'query') || operation.requestBody;
  if (takesInput || writeMethods.has(method)) statuses.add('400');
  if ((operation.security ?? []).length > 0) statuses.add('403');
  if (parameters.some((p) => p.in === 'path')) statuses.add('404');
  if (writeMethods.has(method)) for (const status of ['409', '422']) statuses.add(status);
  if (!route?.unlimited) statuses.add('429');
  return [...statuses].sort();
};

/** Operation ids, tags, summaries, security, success and error responses, pagination. */
export const lintOperations = (
  document: OpenApiDocument,
  routes: readonly AnyRouteDefinition[],
): string[] => {
  const findings: string[] = [];
  const declared = new Map(routes.map((route) => [`${route.method} ${openApiPath(route.path)}`, route]));
  const seenIds = new Map<string, string>();
  const bearer = document.components?.securitySchemes?.bearer;
  if (bearer?.type !== 'http' || bearer.scheme !== 'bearer') {
    findings.push('components.securitySchemes.bearer: must be an http bearer scheme');
  }

  for (const { method, path, operation } of operationsOf(document)) {
    const where = `${method.toUpperCase()} ${path}`;
    const report = (problem: string) => findings.push(`${where}: ${problem}`);
    const route = declared.get(where);
    declared.delete(where);
    if (!route) report('no route declares this operation');

    const id = operation.operationId;
    if (!id) report('no operationId');
    else if (seenIds.has(id)) report(`operationId ${id} is also used by ${seenIds.get(id)}`);
    else seenIds.set(id, where);
    if (route && id && id !== route.operationId)
      report(`operationId ${id}, the route says ${route.operationId}`);

    if (!operation.summary?.trim()) report('no summary');
    if (operation.tags?.length !== 1)
      report(`needs exactly one tag, has ${JSON.stringify(operation.tags ?? [])}`);
    else if (route && operation.tags[0] !== route.module) {
      report(`tag ${operation.tags[0]} is not its route module ${route.module}`);
    }

    const expectedSecurity = route && 'public' in route.access ? [] : [{ bearer: [] }];
    if (route && JSON.stringify(operation.security) !== JSON.stringify(expectedSecurity)) {
      report(`security ${JSON.stringify(operation.security)}, expected ${JSON.stringify(expectedSecurity)}`);
    }

    const responses = operation.responses ?? {};
    const successes = Object.keys(responses).filter((status) => status.startsWith('2'));
    if (successes.length !== 1)
      report(`needs exactly one success response, has ${successes.join(', ') || 'none'}`);
    const missing = requiredErrorStatuses(method, operation, route).filter((status) => !responses[status]);
    if (missing.length) report(`does not document error responses ${missing.join(', ')}`);
    for (const [status, response] of Object.entries(responses)) {
      if (status.startsWith('2')) continue;
      if (response.content?.['application/json']?.schema?.$ref !== errorEnvelopeRef) {
        report(`${status} is not the ErrorEnvelope`);
      }
    }

    const query = new Set((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
    const success = successes[0] ? responses[successes[0]] : undefined;
    const envelope = success?.content?.['application/json']?.schema as
      | { properties?: Record<string, { $ref?: string }> }
      | undefined;
    if (!envelope?.properties?.data) report('success response is not a { data } envelope');
    const paginated = envelope?.properties?.pagination?.$ref === paginationRef;
    if (paginated !== query.has('cursor') || (paginated && !query.has('limit'))) {
      report('a paginated list takes cursor and limit and answers pagination; other operations neither');
    }

    if (
      writeMethods.has(method) &&
      !(operation.parameters ?? []).some((p) => p.in === 'header' && p.name === 'idempotency-key')
    ) {
      report('a write does not declare the idempotency-key header');
    }
  }

  for (const where of declared.keys()) findings.push(`${where}: declared route missing from the document`);
  return findings;
};
