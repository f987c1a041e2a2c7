/**
 * Whole HTTP requests for one OpenAPI operation, as fast-check arbitraries:
 * path parameters (the caller's real ids, a random uuid, garbage), query
 * strings (valid-ish, random keys and values, repeated keys, cursor garbage),
 * headers (content types, Accept, Idempotency-Key) and bodies (valid-ish,
 * mutated, poisoned, malformed, oversized).
 */
import fc from 'fast-check';
import {
  type BodyText,
  type FuzzSchema,
  malformed,
  mutated,
  poisoned,
  resolveSchema,
  validish,
  weirdValue,
} from './fuzz-schema';
import type { OpenApiDocument } from './openapi-sweep';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface QueryParameter {
  name: string;
  required: boolean;
  schema: FuzzSchema;
}

export interface FuzzOperation {
  method: Method;
  /** The OpenAPI path template, e.g. /v1/pos/tickets/{id}/lines/{lineId}. */
  path: string;
  operationId: string;
  pathParams: string[];
  query: QueryParameter[];
  body: FuzzSchema | undefined;
  isPublic: boolean;
}

export interface FuzzRequest {
  method: Method;
  url: string;
  headers: Record<string, string>;
  payload: string | undefined;
  /** What the generator did, for reports: `body:mutated replace lines.0.quantity`, `query:garbage`... */
  kind: string;
}

type RawParameter = { $ref?: string; name: string; in: string; required?: boolean; schema?: FuzzSchema };
type RawOperation = {
  operationId?: string;
  security?: unknown[];
  parameters?: RawParameter[];
  requestBody?: { content?: Record<string, { schema?: FuzzSchema }> };
};

const httpMethods = new Set(['get', 'post', 'put', 'patch', 'delete']);
export const writeMethods = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every operation of the document (paths x methods), in document order. */
export const fuzzOperationsOf = (document: OpenApiDocument): FuzzOperation[] =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, RawOperation>)
      .filter(([method]) => httpMethods.has(method))
      .map(([method, operation]) => {
        const parameters = (operation.parameters ?? []).map((parameter) =>
          parameter.$ref
            ? (document.components?.parameters?.[parameter.$ref.split('/').pop() ?? ''] as RawParameter)
            : parameter,
        );
        return {
          method: method.toUpperCase() as Method,
          path,
          operationId: operation.operationId ?? `${method} ${path}`,
          pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string),
          query: parameters
            .filter((parameter) => parameter.in === 'query')
            .map((parameter) => ({
              name: parameter.name,
              required: parameter.required === true,
              schema: parameter.schema ?? {},
            })),
          body: operation.requestBody?.content?.['application/json']?.schema,
          isPublic: Array.isArray(operation.security) && operation.security.length === 0,
        };
      }),
  );

/** What a request generator needs to know about the caller and the app. */
export interface RequestContext {
  document: OpenApiDocument;
  /** Real ids (or keys) of the caller's tenant for a path parameter, by its place in the path. */
  pathValues(operation: FuzzOperation, param: string): readonly string[];
  /** Every real uuid of the caller's tenant, for uuid-formatted body and query fields. */
  ids: readonly string[];
  bodyLimit: number;
}

const printableAscii = (maxLength: number) => fc.string({ unit: 'grapheme-ascii', maxLength });

/** Path garbage sent as is, not percent-encoded: undecodable escapes, encoded slashes and dots. */
const rawPathGarbage = new Set(['%', '%E0%A4%A', '%ff', '%00', 'a%2Fb', '%2e%2e', '%C0%AF', '%u0041']);

const pathValue = (values: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    ...(values.length > 0 ? [{ arbitrary: fc.constantFrom(...values), weight: 12 }] : []),
    { arbitrary: fc.uuid(), weight: 2 },
    {
      arbitrary: fc.oneof(
        fc.constantFrom(
          '0',
          '-1',
          'null',
          '..',
          '%',
          'ffffffff-ffff-ffff-ffff-fffffffffffff',
          'x'.repeat(600),
        ),
        printableAscii(40).filter((value) => value.length > 0),
      ),
      weight: 1,
    },
    { arbitrary: fc.constantFrom(...rawPathGarbage), weight: 1 },
  );

/** The path with its parameters filled: mostly real ids, sometimes a random uuid or garbage. */
const pathArbitrary = (operation: FuzzOperation, context: RequestContext, realOnly: boolean) =>
  fc
    .tuple(
      ...operation.pathParams.map((param) => {
        const values = context.pathValues(operation, param);
        return realOnly && values.length > 0 ? fc.constantFrom(...values) : pathValue(values);
      }),
    )
    .map((values) => {
      let index = 0;
      return operation.path.replace(/\{[^}]+\}/g, () => {
        const value = values[index++] as string;
        return rawPathGarbage.has(value) ? value : encode(value);
      });
    });

/** encodeURIComponent, with lone surrogates (which it refuses) sent as their raw (invalid UTF-8) bytes. */
const loneSurrogate = /([\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])/;
const encode = (value: string): string =>
  value
    .split(loneSurrogate)
    .map((part, index) => {
      if (index % 2 === 0) return encodeURIComponent(part);
      const code = part.charCodeAt(0);
      const byte = (n: number) => `%${n.toString(16).toUpperCase()}`;
      return `${byte(0xed)}${byte(0x80 | ((code >> 6) & 0x3f))}${byte(0x80 | (code & 0x3f))}`;
    })
    .join('');

const encodePairs = (pairs: [string, string][]) =>
  pairs.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&');

const asQueryValue = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);

/** Garbage a cursor parameter might receive: base64 of odd JSON, truncated tokens, huge values. */
const cursorGarbage = fc.oneof(
  fc
    .jsonValue({ maxDepth: 2 })
    .map((value) => Buffer.from(JSON.stringify(value) ?? '').toString('base64url')),
  fc.constantFrom(
    'AAAA',
    '=',
    '%',
    '-1',
    'eyJpZCI6Ii0xIn0',
    Buffer.from('{"createdAt":"not a date","id":"x"}').toString('base64url'),
    Buffer.from('{"id":"00000000-0000-0000-0000-000000000000","sku":null}').toString('base64url'),
    Buffer.from('["2026-01-01T00:00:00Z", 1e999]').toString('base64url'),
    'x'.repeat(5_000),
  ),
  printableAscii(60),
);

/** A query string: absent, valid-ish, random keys and values, repeated keys, cursor garbage. */
const queryArbitrary = (operation: FuzzOperation, context: RequestContext): fc.Arbitrary<string> => {
  const known = operation.query;
  const validQuery = fc
    .record(
      Object.fromEntries(
        known.map((parameter) => [parameter.name, validish(parameter.schema, context.document, context.ids)]),
      ),
      { requiredKeys: known.filter((parameter) => parameter.required).map((parameter) => parameter.name) },
    )
    .map((values) => encodePairs(Object.entries(values).map(([key, value]) => [key, asQueryValue(value)])));
  const keys = fc.oneof(
    ...(known.length > 0 ? [fc.constantFrom(...known.map((parameter) => parameter.name))] : []),
    fc.constantFrom('cursor', 'limit', 'format', '__proto__', 'constructor', 'tenantId', 'x[y]', ''),
    printableAscii(12),
  );
  const values = fc.oneof(
    weirdValue.map(asQueryValue).map((value) => value.slice(0, 3_000)),
    cursorGarbage,
    fc.constantFrom('-1', '0', '1.5', '201', '1e3', '99999999999999999999', 'true', '[]', 'html', 'xml'),
  );
  const garbage = fc.array(fc.tuple(keys, values), { minLength: 1, maxLength: 6 }).map(encodePairs);
  const repeated = fc
    .tuple(keys, fc.array(values, { minLength: 2, maxLength: 4 }))
    .map(([key, list]) => encodePairs(list.map((value) => [key, value] as [string, string])));
  const raw = fc.constantFrom(
    '&&&',
    '=',
    'a=%',
    'cursor=%E0%A4%A',
    'limit=%00',
    '__proto__[isAdmin]=1',
    'constructor[prototype][isAdmin]=1',
    'a'.repeat(4_000),
    'limit=1;limit=2',
  );
  const withRequired = (query: fc.Arbitrary<string>) =>
    // Garbage next to valid required parameters reaches past the "missing parameter" refusal.
    fc.tuple(validQuery, query).map(([valid, extra]) => [valid, extra].filter(Boolean).join('&'));
  return fc.oneof(
    { arbitrary: fc.constant(''), weight: 3 },
    { arbitrary: validQuery, weight: known.length > 0 ? 4 : 0 },
    { arbitrary: withRequired(garbage), weight: 3 },
    { arbitrary: withRequired(repeated), weight: 2 },
    { arbitrary: raw, weight: 1 },
  );
};

interface BodyChoice extends BodyText {
  contentType: string | undefined;
}

const asJson = (body: BodyText): BodyChoice => ({ ...body, contentType: 'application/json' });

const otherContentTypes = [
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'application/xml',
  'multipart/form-data; boundary=fuzz',
  'application/octet-stream',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/jsonx',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/merge-patch+json',
  ';',
  'text',
] as const;

/** Bodies a parser refuses or a contract refuses: the "rejected" class. */
const rejectedBodies = (operation: FuzzOperation, context: RequestContext): fc.Arbitrary<BodyChoice>[] => {
  const schema = operation.body ?? { type: 'object', properties: {} };
  const valid = validish(schema, context.document, context.ids);
  const hasContract = operation.body !== undefined;
  const resolved = resolveSchema(schema, context.document);
  const oversized = fc
    .record({
      extra: fc.integer({ min: 1, max: 4_096 }),
      type: fc.constantFrom('application/json', 'text/plain'),
    })
    .map(({ extra, type }) => {
      const filler = 'x'.repeat(context.bodyLimit + extra);
      return {
        kind: `oversized ${context.bodyLimit}+${extra} ${type}`,
        text: type === 'application/json' ? JSON.stringify({ filler }) : filler,
        contentType: type,
      };
    });
  return [
    ...(hasContract ? [mutated(valid).map(asJson), mutated(valid).map(asJson)] : []),
    poisoned(valid).map(asJson),
    malformed(valid).map(asJson),
    fc
      .record({
        value: valid,
        type: fc.constantFrom(
          ...otherContentTypes.filter((type) => hasContract || !type.startsWith('text/')),
        ),
      })
      .map(({ value, type }) => ({
        kind: `content-type ${type}`,
        text: type.includes('form-urlencoded')
          ? new URLSearchParams(
              Object.entries((value as Record<string, unknown>) ?? {}).map(
                ([key, entry]): [string, string] => [key, asQueryValue(entry)],
              ),
            ).toString()
          : (JSON.stringify(value) ?? ''),
        contentType: type,
      })),
    ...(hasContract && resolved.type === 'object'
      ? [fc.constant<BodyChoice>({ kind: 'no body', text: undefined, contentType: undefined })]
      : []),
    ...(hasContract
      ? [fc.constant<BodyChoice>({ kind: 'json null', text: 'null', contentType: 'application/json' })]
      : []),
    oversized,
  ];
};

const headerArbitrary = (operation: FuzzOperation): fc.Arbitrary<Record<string, string>> =>
  fc.record(
    {
      accept: fc.constantFrom(
        'application/json',
        'text/html',
        'text/plain',
        '*/*',
        'application/xml',
        'text/html;q=0.1, text/plain;q=0.9',
        ';;;',
        'text/*;q=abc',
      ),
      'idempotency-key': writeMethods.has(operation.method)
        ? fc.oneof(
            fc.uuid(),
            fc.constantFrom('', ' ', 'x'.repeat(256), 'x'.repeat(10_000)),
            printableAscii(30),
          )
        : fc.constant(''),
      'x-request-id': fc.oneof(fc.uuid(), printableAscii(200)),
    },
    { requiredKeys: [] },
  );

export type Phase = 'rejected' | 'mixed';

/**
 * Requests for one operation. `rejected`: bodies, content types and sizes that
 * should be refused (real ids in the path so a refusal after partial work
 * would show); `mixed`: valid-ish requests too, and any path or query garbage.
 */
export const requestArbitrary = (
  operation: FuzzOperation,
  context: RequestContext,
  phase: Phase,
): fc.Arbitrary<FuzzRequest> => {
  const sendsBody = writeMethods.has(operation.method) || operation.body !== undefined;
  const valid = validish(operation.body ?? { type: 'object', properties: {} }, context.document, context.ids);
  const validBody = valid.map((value) => asJson({ kind: 'valid-ish', text: JSON.stringify(value) }));
  const rejected = rejectedBodies(operation, context);
  const body: fc.Arbitrary<BodyChoice> = sendsBody
    ? phase === 'rejected'
      ? fc.oneof(...rejected)
      : fc.oneof(
          { arbitrary: validBody, weight: 6 },
          ...rejected.map((arbitrary) => ({ arbitrary, weight: 1 })),
        )
    : fc.oneof(
        {
          arbitrary: fc.constant<BodyChoice>({ kind: 'no body', text: undefined, contentType: undefined }),
          weight: 8,
        },
        // A GET with a body anyway, now and then.
        ...rejected.map((arbitrary) => ({ arbitrary, weight: 1 })),
      );
  const query =
    phase === 'rejected' && sendsBody
      ? operation.query.some((parameter) => parameter.required)
        ? queryArbitrary(
            { ...operation, query: operation.query.filter((parameter) => parameter.required) },
            context,
          )
        : fc.constant('')
      : queryArbitrary(operation, context);
  return fc
    .record({
      path: pathArbitrary(operation, context, phase === 'rejected'),
      query,
      body,
      headers: phase === 'rejected' ? fc.constant({}) : headerArbitrary(operation),
    })
    .map(({ path, query: search, body: chosen, headers }) => ({
      method: operation.method,
      url: search ? `${path}?${search}` : path,
      headers: {
        ...Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== '')),
        ...(chosen.contentType ? { 'content-type': chosen.contentType } : {}),
      },
      payload: chosen.text,
      kind: `${chosen.kind}${search ? ' +query' : ''}${Object.keys(headers).length ? ` +headers(${Object.keys(headers).join(',')})` : ''}`,
    }));
};

/** A request in a few lines, for a report: big payloads cut down to their start and length. */
export const describeRequest = (request: FuzzRequest): string => {
  const cut = (text: string, max: number) =>
    text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
  const headers = request.headers;
  return [
    `${request.method} ${cut(request.url, 300)}  [${request.kind}]`,
    `  headers: ${cut(JSON.stringify(headers), 300)}`,
    `  body: ${request.payload === undefined ? '(none)' : cut(JSON.stringify(request.payload), 400)}`,
  ].join('\n');
};
