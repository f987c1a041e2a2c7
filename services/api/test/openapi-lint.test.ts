import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AnyRouteDefinition, allRoutes, buildOpenApiDocument, defineRoute } from '../src';
import { createIdentityTestApp, type IdentityTestApp } from './identity/support';
import { collectExamples, invalidExamples } from './openapi-examples';
import { lintOperations, type OpenApiDocument, operationsOf } from './openapi-lint';

const info = { title: 'Lint probe', version: '0.0.0', description: 'Synthetic routes' };

/** Two small routes, one public and one guarded with a path parameter and a list, to break on purpose. */
const syntheticRoutes = (): AnyRouteDefinition[] => [
  defineRoute({
    method: 'POST',
    path: '/v1/lint/things',
    operationId: 'createThing',
    summary: 'Create a thing',
    module: 'lint',
    access: { public: true },
    body: z.object({ name: z.string() }),
    response: z.object({ id: z.string() }),
    successStatus: 201,
    handler: async () => ({ data: { id: 'x' } }),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/lint/things/:id/parts',
    operationId: 'listThingParts',
    summary: 'List a thing’s parts',
    module: 'lint',
    access: { permission: 'lint.thing.read' },
    params: z.object({ id: z.string() }),
    query: z.object({ cursor: z.string().optional(), limit: z.coerce.number().int().optional() }),
    response: z.array(z.object({ id: z.string() })),
    paginated: true,
    handler: async () => ({ data: [], pagination: { next_cursor: null, limit: 20 } }),
  }),
];

describe('OpenAPI lint', () => {
  let t: IdentityTestApp;
  let document: OpenApiDocument;
  let routes: AnyRouteDefinition[];

  beforeAll(async () => {
    // Every module the composition root wires, as main.ts serves it.
    t = await createIdentityTestApp();
    routes = allRoutes({ db: t.db, routes: t.modules.routes });
    const response = await t.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    document = response.json();
  });
  afterAll(() => t?.close());

  it('finds nothing to fix in the served document', () => {
    expect(operationsOf(document).length).toBe(routes.length);
    expect(lintOperations(document, routes)).toEqual([]);
  });

  it('tags each operation with its route module, one tag per module', () => {
    const tags = new Set(operationsOf(document).flatMap(({ operation }) => operation.tags ?? []));
    expect([...tags].sort()).toEqual([...new Set(routes.map((route) => route.module))].sort());
  });

  it('validates every example in the document against its schema', () => {
    const examples = collectExamples(document);
    // The walk reaches schemas under components (the error envelope's code has one).
    expect(examples.map((example) => example.at)).toContain(
      '#/components/schemas/ErrorEnvelope/properties/error/properties/code/example',
    );
    expect(invalidExamples(document)).toEqual([]);
  });

  it('catches each rule on a synthetic document broken on purpose', () => {
    const declared = syntheticRoutes();
    const clean = buildOpenApiDocument(declared, info) as unknown as OpenApiDocument;
    expect(lintOperations(clean, declared)).toEqual([]);

    const broken = structuredClone(clean);
    const create = broken.paths['/v1/lint/things']?.post;
    const list = broken.paths['/v1/lint/things/{id}/parts']?.get;
    if (!create || !list) throw new Error('synthetic document lacks its operations');
    create.operationId = 'listThingParts';
    create.summary = ' ';
    create.tags = ['other'];
    create.security = [{ bearer: [] }];
    delete create.responses?.['401'];
    delete create.parameters;
    list.tags = [];
    list.security = undefined;
    delete list.responses?.['404'];
    list.parameters = list.parameters?.filter((parameter) => parameter.name !== 'cursor');

    expect(lintOperations(broken, declared)).toEqual([
      'POST /v1/lint/things: operationId listThingParts, the route says createThing',
      'POST /v1/lint/things: no summary',
      'POST /v1/lint/things: tag other is not its route module lint',
      'POST /v1/lint/things: security [{"bearer":[]}], expected []',
      'POST /v1/lint/things: does not document error responses 401, 403',
      'POST /v1/lint/things: a write does not declare the idempotency-key header',
      'GET /v1/lint/things/{id}/parts: operationId listThingParts is also used by POST /v1/lint/things',
      'GET /v1/lint/things/{id}/parts: needs exactly one tag, has []',
      'GET /v1/lint/things/{id}/parts: security undefined, expected [{"bearer":[]}]',
      'GET /v1/lint/things/{id}/parts: does not document error responses 404',
      'GET /v1/lint/things/{id}/parts: a paginated list takes cursor and limit and answers pagination; other operations neither',
    ]);
    const [createThing, listParts] = declared as [AnyRouteDefinition, AnyRouteDefinition];
    expect(lintOperations(clean, [listParts, { ...createThing, path: '/v1/lint/gadgets' }])).toEqual([
      'POST /v1/lint/things: no route declares this operation',
      'POST /v1/lint/gadgets: declared route missing from the document',
    ]);
  });

  it('catches an example that does not match its schema, wherever it sits', () => {
    const synthetic = {
      openapi: '3.1.0',
      info,
      paths: {
        '/v1/lint/things/{id}': {
          get: {
            parameters: [
              {
                name: 'id',
                in: 'path',
                required: true,
                schema: { type: 'string', format: 'uuid' },
                example: 'nope',
              },
            ],
            responses: {
              '200': {
                description: 'A thing',
                content: {
                  'application/json': {
                    schema: { $ref: '#/components/schemas/Thing' },
                    examples: {
                      good: { value: { id: 'a', quantity: 1 } },
                      missingQuantity: { value: { id: 'b' } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Thing: {
            type: 'object',
            properties: {
              id: { type: 'string', example: 'thing-1' },
              quantity: { type: 'integer', minimum: 1, examples: [3, 0] },
              // A property named "example" is a schema, not an example.
              example: { type: 'object', properties: { note: { type: 'string' } } },
            },
            required: ['id', 'quantity'],
            example: { id: 'thing-2', quantity: 1.5 },
          },
        },
      },
    };

    expect(collectExamples(synthetic)).toHaveLength(7);
    expect(invalidExamples(synthetic)).toEqual([
      '#/paths/~1v1~1lint~1things~1{id}/get/parameters/0/example: / must match format "uuid"',
      "#/paths/~1v1~1lint~1things~1{id}/get/responses/200/content/application~1json/examples/missingQuantity/value: / must have required property 'quantity'",
      '#/components/schemas/Thing/example: /quantity must be integer',
      '#/components/schemas/Thing/properties/quantity/examples/1: / must be >= 1',
    ]);
  });
});
