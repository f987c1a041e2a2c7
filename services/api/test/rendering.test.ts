import { newId } from '@tenantry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute } from '../src';
import { asUser, createTestApp, type TestApp } from './helpers';

const noteRoute = defineRoute({
  method: 'GET',
  path: '/v1/probe/notes/:id',
  operationId: 'getProbeNote',
  summary: 'A note, also as text or HTML',
  module: 'probe',
  access: { permission: 'probe.note.read' },
  params: z.object({ id: z.string() }),
  query: z.object({ upper: z.enum(['yes', 'no']).optional() }).strict(),
  response: z.object({ title: z.string() }),
  renders: {
    'text/plain': (data) => `NOTE ${data.title}`,
    'text/html': (data) => `<h1>${data.title}</h1>`,
  },
  handler: async ({ params, query }) => ({
    data: { title: query.upper === 'yes' ? params.id.toUpperCase() : params.id, secret: 'dropped' },
  }),
});

describe('rendered response forms', () => {
  let t: TestApp;
  const headers = asUser(newId(), newId(), ['probe.note.read']);
  beforeAll(async () => {
    t = await createTestApp({ routes: [noteRoute] });
  });
  afterAll(async () => t?.close());

  const get = (url: string, extra: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { ...headers, ...extra } });

  it('answers the JSON envelope by default and for format=json', async () => {
    for (const url of ['/v1/probe/notes/a', '/v1/probe/notes/a?format=json']) {
      const response = await get(url);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json()).toEqual({ data: { title: 'a' } });
    }
  });

  it('renders text or HTML from the parsed data, by format or Accept, beside the route query', async () => {
    const text = await get('/v1/probe/notes/a?format=text&upper=yes');
    expect(text.statusCode).toBe(200);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.body).toBe('NOTE A');
    const html = await get('/v1/probe/notes/b', { accept: 'text/html,application/xhtml+xml;q=0.9' });
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.body).toBe('<h1>b</h1>');
    expect((await get('/v1/probe/notes/b', { accept: 'application/json, text/html' })).json()).toEqual({
      data: { title: 'b' },
    });
  });

  it('refuses an unknown format in the error envelope, and errors stay JSON', async () => {
    for (const format of ['pdf', 'constructor', 'toString', '__proto__']) {
      const bad = await get(`/v1/probe/notes/a?format=${format}`);
      expect(bad.statusCode, format).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION');
    }
    const refused = await t.app.inject({
      method: 'GET',
      url: '/v1/probe/notes/a?format=html',
      headers: asUser(newId(), newId(), []),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('AUTHZ');
  });

  it('publishes the rendered media types and the format parameter in OpenAPI', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json();
    const operation = document.paths['/v1/probe/notes/{id}'].get;
    expect(Object.keys(operation.responses['200'].content).sort()).toEqual([
      'application/json',
      'text/html',
      'text/plain',
    ]);
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toContain('format');
  });
});
