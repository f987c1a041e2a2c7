import { afterEach, describe, expect, it } from 'vitest';
import { createTenantryClient, paginate, TenantryApiError } from '../src';
import { type StubServer, sendJson, startStubServer } from './stub-server';

type StubPage = { items: string[]; next: string | null };

/** A list route over `pages`, keyed by cursor (`first` answers no cursor); an unknown cursor is a 404. */
const listServer = (pages: Record<string, StubPage>) =>
  startStubServer((request, response) => {
    const page = pages[new URL(request.url, 'http://stub').searchParams.get('cursor') ?? 'first'];
    if (!page) return sendJson(response, 404, { error: { code: 'NOT_FOUND', message: 'No such page' } });
    sendJson(response, 200, {
      data: page.items.map((name) => ({ id: name })),
      pagination: { next_cursor: page.next, limit: 2 },
    });
  });

const threePages: Record<string, StubPage> = {
  first: { items: ['a', 'b'], next: 'c1' },
  c1: { items: ['c', 'd'], next: 'c2' },
  c2: { items: ['e'], next: null },
};

describe('paginate', () => {
  let stub: StubServer | undefined;
  afterEach(async () => {
    await stub?.close();
    stub = undefined;
  });

  it('yields every item, following next_cursor until it is null', async () => {
    stub = await listServer(threePages);
    const client = createTenantryClient({ baseUrl: stub.baseUrl, accessToken: 'token' });

    const ids: string[] = [];
    for await (const tenant of paginate((cursor) =>
      client.GET('/v1/superadmin/tenants', { params: { query: { cursor, limit: 2 } } }),
    )) {
      ids.push(tenant.id);
    }

    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(stub.requests.map((r) => r.url)).toEqual([
      '/v1/superadmin/tenants?limit=2',
      '/v1/superadmin/tenants?cursor=c1&limit=2',
      '/v1/superadmin/tenants?cursor=c2&limit=2',
    ]);
  });

  it('asks for no page beyond what the caller reads', async () => {
    stub = await listServer(threePages);
    const client = createTenantryClient({ baseUrl: stub.baseUrl });
    for await (const tenant of paginate((cursor) =>
      client.GET('/v1/superadmin/tenants', { params: { query: { cursor } } }),
    )) {
      if (tenant.id === 'b') break;
    }
    expect(stub.requests).toHaveLength(1);
  });

  it('throws a TenantryApiError when a page fails, after the items before it', async () => {
    stub = await listServer({ first: { items: ['x'], next: 'gone' } });
    const client = createTenantryClient({ baseUrl: stub.baseUrl });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const tenant of paginate((cursor) =>
        client.GET('/v1/superadmin/tenants', { params: { query: { cursor } } }),
      )) {
        seen.push(tenant.id);
      }
    })();
    await expect(reading).rejects.toThrow(TenantryApiError);
    await expect(reading).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(seen).toEqual(['x']);
  });

  it('stops with an error when the API hands back a cursor it gave before', async () => {
    stub = await listServer({ first: { items: ['a'], next: 'loop' }, loop: { items: ['b'], next: 'loop' } });
    const client = createTenantryClient({ baseUrl: stub.baseUrl });
    const reading = (async () => {
      for await (const _ of paginate((cursor) =>
        client.GET('/v1/superadmin/tenants', { params: { query: { cursor } } }),
      )) {
      }
    })();
    await expect(reading).rejects.toThrow(/cursor loop twice/);
    expect(stub.requests).toHaveLength(2);
  });
});
