import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers';
import { probeRoutes } from './probe-routes';

type Operation = {
  operationId?: string;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, unknown>;
};

describe('OpenAPI document', () => {
  let testApp: TestApp;
  let document: { openapi: string; paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    testApp = await createTestApp({ routes: probeRoutes(() => testApp.db) });
    const response = await testApp.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    document = response.json();
  });
  afterAll(() => testApp?.close());

  it('validates as OpenAPI 3.1', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('describes every route the app serves, from the same declarations', () => {
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/health', '/ready', '/v1/probe/settings', '/v1/probe/settings/{key}']),
    );
    const create = document.paths['/v1/probe/settings']?.post as Operation & {
      requestBody: { content: Record<string, { schema: { required: string[] } }> };
    };
    expect(create.requestBody.content['application/json']?.schema.required).toEqual(['key', 'value']);
  });

  it('gives every operation an id, a tag, security and its error responses', () => {
    const operationIds = new Set<string>();
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(operation.operationId, where).toBeTruthy();
        expect(operationIds.has(operation.operationId as string), where).toBe(false);
        operationIds.add(operation.operationId as string);
        expect(operation.tags?.length, where).toBe(1);
        expect(Array.isArray(operation.security), where).toBe(true);
        expect(Object.keys(operation.responses), where).toContain('500');
      }
    }
    const guarded = document.paths['/v1/probe/settings']?.post;
    expect(guarded?.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(guarded?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '409', '422', '429', '500']),
    );
  });

  it('serves a docs page', async () => {
    const page = await testApp.app.inject({ method: 'GET', url: '/v1/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });
});
