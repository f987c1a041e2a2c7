/**
 * Helpers for sweeping every operation of the OpenAPI document: its
 * operations, their path parameters, a minimal valid request body generated
 * from the operation's JSON schema, and the ids found in JSON responses.
 */

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  exclusiveMinimum?: number | boolean;
  maximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

type Parameter = { name: string; in: string; required?: boolean; schema?: JsonSchema };

export interface OpenApiOperation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema>; parameters?: Record<string, Parameter> };
}

export interface SweepOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path template, e.g. /v1/pos/tickets/{id}/lines/{lineId}. */
  path: string;
  pathParams: string[];
  requiredQuery: { name: string; schema: JsonSchema }[];
  body: JsonSchema | undefined;
}

const httpMethods = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every operation of the document, in document order. */
export const operationsOf = (document: OpenApiDocument): SweepOperation[] =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([method]) => httpMethods.has(method))
      .map(([method, operation]) => {
        const parameters = (operation.parameters ?? []).map((parameter) =>
          '$ref' in parameter
            ? (document.components?.parameters?.[String(parameter.$ref).split('/').pop() ?? ''] as Parameter)
            : parameter,
        );
        return {
          method: method.toUpperCase() as SweepOperation['method'],
          path,
          pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string),
          requiredQuery: parameters
            .filter((parameter) => parameter.in === 'query' && parameter.required)
            .map((parameter) => ({ name: parameter.name, schema: parameter.schema ?? {} })),
          body: operation.requestBody?.content?.['application/json']?.schema,
        };
      }),
  );

const resolve = (schema: JsonSchema, document: OpenApiDocument): JsonSchema => {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').pop() ?? '';
  return resolve(document.components?.schemas?.[name] ?? {}, document);
};

const stringFor = (schema: JsonSchema, id: string): string => {
  switch (schema.format) {
    case 'uuid':
      return id;
    case 'email':
      return 'sweep@example.test';
    case 'date':
      return '2026-01-01';
    case 'date-time':
      return '2026-01-01T00:00:00.000Z';
    case 'uri':
    case 'url':
      return 'https://example.test/';
    default:
      break;
  }
  const length = Math.max(schema.minLength ?? 1, 1);
  const candidates = ['x'.repeat(length), 'a.b.c', 'abc', 'ABC', 'a-b', '1'.repeat(length), 'EUR'];
  if (!schema.pattern) return candidates[0] as string;
  const pattern = new RegExp(schema.pattern);
  return candidates.find((candidate) => pattern.test(candidate)) ?? (candidates[0] as string);
};

/**
 * A minimal valid value for a JSON schema: the required properties of an
 * object (or its first property when none is required, so a PATCH changes
 * something), the minimum number of array items, the first enum value, the
 * smallest number the schema allows, and for every uuid-formatted string the
 * id under test, so a body that references rows points at the same foreign id.
 */
export const sampleFor = (input: JsonSchema, id: string, document: OpenApiDocument): unknown => {
  const schema = resolve(input, document);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const first = variants
      .map((variant) => resolve(variant, document))
      .find((variant) => variant.type !== 'null');
    return first ? sampleFor(first, id, document) : null;
  }
  if (schema.allOf)
    return Object.assign({}, ...schema.allOf.map((part) => sampleFor(part, id, document) as object));
  const type = Array.isArray(schema.type) ? schema.type.find((entry) => entry !== 'null') : schema.type;
  switch (type ?? (schema.properties ? 'object' : undefined)) {
    case 'object': {
      const properties = schema.properties ?? {};
      const required = schema.required?.length ? schema.required : Object.keys(properties).slice(0, 1);
      return Object.fromEntries(
        required.map((name) => [name, sampleFor(properties[name] ?? {}, id, document)]),
      );
    }
    case 'array': {
      const count = schema.minItems ?? 0;
      return Array.from({ length: count }, () => sampleFor(schema.items ?? {}, id, document));
    }
    case 'string':
      return stringFor(schema, id);
    case 'integer':
    case 'number': {
      // At least 1: amounts and quantities are often refined to be positive beyond what the schema says.
      const exclusive = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : undefined;
      const floor = Math.max(exclusive ?? schema.minimum ?? 1, 1);
      return schema.maximum !== undefined ? Math.min(floor, schema.maximum) : floor;
    }
    case 'boolean':
      return false;
    default:
      return schema.default ?? null;
  }
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids found in JSON responses: each id with where it was first seen, and groups of ids seen together. */
export class IdCollector {
  readonly ids = new Map<string, string>();
  /** Ids of one object with the ids of the objects around it: candidates for multi-parameter paths. */
  readonly groups = new Map<string, string[]>();

  collect(value: unknown, origin: string): void {
    this.walk(value, origin, []);
  }

  private walk(value: unknown, where: string, around: string[]): void {
    if (typeof value === 'string') {
      if (uuidPattern.test(value) && !this.ids.has(value.toLowerCase()))
        this.ids.set(value.toLowerCase(), where);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((entry, index) => {
        this.walk(entry, `${where}[${index}]`, around);
      });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const own = Object.values(value).filter(
      (entry): entry is string => typeof entry === 'string' && uuidPattern.test(entry),
    );
    const group = [...new Set([...around, ...own].map((id) => id.toLowerCase()))].slice(-6);
    if (group.length >= 2) this.groups.set(group.join(','), group);
    const id = (value as { id?: unknown }).id;
    const next = typeof id === 'string' && uuidPattern.test(id) ? [...around, id] : [...around, ...own];
    for (const [key, entry] of Object.entries(value)) this.walk(entry, `${where}.${key}`, next.slice(-5));
  }
}

/** Ordered tuples of `size` distinct elements of a group. */
export const permutations = (group: readonly string[], size: number): string[][] => {
  if (size === 0) return [[]];
  return group.flatMap((first, index) =>
    permutations([...group.slice(0, index), ...group.slice(index + 1)], size - 1).map((rest) => [
      first,
      ...rest,
    ]),
  );
};

/** Runs tasks with at most `limit` in flight. */
export const runLimited = async <T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> => {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const index = next;
      next += 1;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return results;
};
