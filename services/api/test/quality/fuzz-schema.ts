/**
 * fast-check arbitraries derived from an operation's request JSON schema:
 * valid-ish values (what the schema asks for, loosely), and invalid ones made
 * by mutating a valid-ish value at one place (a wrong type, a missing
 * required key, an extra key, a huge string, an odd number, a null), plus raw
 * JSON text that JSON.stringify cannot produce (`__proto__` / `constructor`
 * keys, duplicate keys) and malformed JSON.
 */
import fc from 'fast-check';
import type { JsonSchema, OpenApiDocument } from './openapi-sweep';

export type FuzzSchema = JsonSchema & {
  additionalProperties?: boolean | FuzzSchema;
  maxItems?: number;
  exclusiveMaximum?: number | boolean;
  properties?: Record<string, FuzzSchema>;
  items?: FuzzSchema;
};

export const resolveSchema = (schema: FuzzSchema, document: OpenApiDocument): FuzzSchema => {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').pop() ?? '';
  return resolveSchema((document.components?.schemas?.[name] ?? {}) as FuzzSchema, document);
};

const int32 = 2 ** 31 - 1;
const clampInt = (value: number) => Math.max(-int32, Math.min(int32, Math.trunc(value)));

const printable = fc.string({ unit: 'grapheme-ascii', maxLength: 24 });

/** Strings people paste into forms, and strings that break naive code. */
const nastyStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'null',
  'undefined',
  '[object Object]',
  "'; drop table items; --",
  '" or 1=1 --',
  '<script>alert(1)</script>',
  '{{7*7}}\u0024{7*7}',
  '../../../../etc/passwd',
  '%00%ff%',
  '\ud800',
  'é\u0301ñ漢字🙂',
  '\u202e\u200b\ufeff',
  '0x7fffffff',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '2026-13-45T25:61:61Z',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-0000-0000-000000000000',
);

/** A string longer than any column takes but well under the body limit. */
const hugeString = fc.integer({ min: 1_000, max: 200_000 }).map((length) => 'x'.repeat(length));

const oddNumbers = fc.constantFrom(
  -1,
  0,
  -0,
  0.5,
  -0.5,
  1.000001,
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  Number.MAX_SAFE_INTEGER,
  1e21,
  1e308,
  -1e308,
  5e-324,
);

/** A value of a kind the schema probably does not want. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constant(null), weight: 3 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: oddNumbers, weight: 3 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
  { arbitrary: nastyStrings, weight: 3 },
  { arbitrary: fc.string(), weight: 1 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: fc.constant([]), weight: 1 },
  { arbitrary: fc.constant({}), weight: 1 },
  { arbitrary: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), weight: 1 },
  { arbitrary: fc.dictionary(printable, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }), weight: 1 },
);

const stringArbitrary = (schema: FuzzSchema, ids: readonly string[]): fc.Arbitrary<string> => {
  switch (schema.format) {
    case 'uuid':
      return ids.length > 0
        ? fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 })
        : fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case 'uri':
    case 'url':
      return fc.webUrl();
    default:
      break;
  }
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, Math.max(minLength, 40));
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    return fc
      .stringMatching(pattern)
      .filter((value) => value.length >= minLength && value.length <= (schema.maxLength ?? Infinity));
  }
  return fc.string({ minLength, maxLength });
};

const numberArbitrary = (schema: FuzzSchema, integer: boolean): fc.Arbitrary<number> => {
  const exclusiveMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const exclusiveMax = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  const min = exclusiveMin !== undefined ? exclusiveMin + 1 : (schema.minimum ?? -1_000);
  const max = exclusiveMax !== undefined ? exclusiveMax - 1 : (schema.maximum ?? 1_000_000);
  if (integer) {
    const low = clampInt(min);
    const high = Math.max(low, clampInt(max));
    // Small values near the floor are what a real request carries; the whole range now and then.
    return fc.oneof(
      { arbitrary: fc.integer({ min: low, max: Math.min(high, low + 100) }), weight: 3 },
      { arbitrary: fc.integer({ min: low, max: high }), weight: 1 },
    );
  }
  return fc.double({ min, max: Math.max(min, max), noNaN: true, noDefaultInfinity: true });
};

/**
 * A value that matches the schema loosely: required keys always, optional
 * keys sometimes, uuid strings from the caller's real ids most of the time.
 */
export const validish = (
  input: FuzzSchema,
  document: OpenApiDocument,
  ids: readonly string[],
  depth = 0,
): fc.Arbitrary<unknown> => {
  const schema = resolveSchema(input, document);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants && variants.length > 0)
    return fc.oneof(...variants.map((variant) => validish(variant as FuzzSchema, document, ids, depth + 1)));
  if (schema.allOf && schema.allOf.length > 0)
    return fc
      .tuple(...schema.allOf.map((part) => validish(part as FuzzSchema, document, ids, depth + 1)))
      .map((parts) => Object.assign({}, ...parts.filter((part) => part && typeof part === 'object')));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const nullable = types.includes('null');
  const type = types.find((entry) => entry !== 'null') ?? (schema.properties ? 'object' : undefined);
  let value: fc.Arbitrary<unknown>;
  switch (type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const record = fc.record(
        Object.fromEntries(
          Object.entries(properties).map(([name, property]) => [
            name,
            validish(property, document, ids, depth + 1),
          ]),
        ),
        { requiredKeys: (schema.required ?? []).filter((name) => name in properties) },
      );
      const extra = schema.additionalProperties;
      value =
        extra && typeof extra === 'object' && depth < 4
          ? fc
              .tuple(
                record,
                fc.dictionary(
                  fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/),
                  validish(extra, document, ids, depth + 1),
                  { maxKeys: 3 },
                ),
              )
              .map(([known, more]) => ({ ...more, ...known }))
          : record;
      break;
    }
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? minLength + 3, minLength + 3);
      value =
        depth < 5
          ? fc.array(validish(schema.items ?? {}, document, ids, depth + 1), { minLength, maxLength })
          : fc.constant([]);
      break;
    }
    case 'string':
      value = stringArbitrary(schema, ids);
      break;
    case 'integer':
      value = numberArbitrary(schema, true);
      break;
    case 'number':
      value = numberArbitrary(schema, false);
      break;
    case 'boolean':
      value = fc.boolean();
      break;
    default:
      value = fc.jsonValue({ maxDepth: 2 });
  }
  return nullable
    ? fc.oneof({ arbitrary: value, weight: 4 }, { arbitrary: fc.constant(null), weight: 1 })
    : value;
};

type Path = (string | number)[];

/** Every place in a JSON value: the root, each key of each object and each array slot. */
const pathsOf = (value: unknown, at: Path = []): Path[] => {
  const here = [at];
  if (Array.isArray(value))
    return [...here, ...value.flatMap((entry, index) => pathsOf(entry, [...at, index]))];
  if (value && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([key, entry]) => pathsOf(entry, [...at, key]))];
  return here;
};

const containersOf = (value: unknown): Path[] =>
  pathsOf(value).filter((path) => {
    const node = at(value, path);
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  });

const at = (value: unknown, path: Path): unknown =>
  path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)?.[key], value);

const clone = <T>(value: T): T => structuredClone(value);

const setAt = (root: unknown, path: Path, next: unknown): unknown => {
  if (path.length === 0) return next;
  const copy = clone(root);
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = next;
  return copy;
};

const deleteAt = (root: unknown, path: Path): unknown => {
  if (path.length === 0) return undefined;
  const copy = clone(root);
  const parent = at(copy, path.slice(0, -1));
  const key = path[path.length - 1] as string | number;
  if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete (parent as Record<string, unknown>)[key as string];
  return copy;
};

/** A JSON body as text, and what was done to it. */
export interface BodyText {
  kind: string;
  text: string | undefined;
}

const json = (kind: string, value: unknown): BodyText => ({
  kind,
  text: value === undefined ? undefined : JSON.stringify(value),
});

export type Mutation = 'replace' | 'delete' | 'extra' | 'whole';

/** A valid-ish value with one thing wrong with it. */
export const mutated = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<BodyText> =>
  fc
    .record({
      value: valid,
      mutation: fc.constantFrom<Mutation>('replace', 'replace', 'delete', 'extra', 'whole'),
      index: fc.nat(),
      key: fc.oneof(printable, fc.constantFrom('id', 'tenantId', 'tenant_id', 'role', 'isAdmin', 'status')),
      weird: weirdValue,
    })
    .map(({ value, mutation, index, key, weird }) => {
      const paths = pathsOf(value);
      const path = paths[index % paths.length] as Path;
      switch (mutation) {
        case 'replace':
          return json(`replace ${path.join('.') || '(root)'}`, setAt(value, path, weird));
        case 'delete': {
          const deletable = paths.filter((entry) => entry.length > 0);
          if (deletable.length === 0) return json('delete (empty)', {});
          const target = deletable[index % deletable.length] as Path;
          return json(`delete ${target.join('.')}`, deleteAt(value, target));
        }
        case 'extra': {
          const containers = containersOf(value);
          if (containers.length === 0) return json('extra (root)', { [key]: weird });
          const target = containers[index % containers.length] as Path;
          return json(`extra ${[...target, key].join('.')}`, setAt(value, [...target, key], weird));
        }
        default:
          return json('whole', weird);
      }
    });

/**
 * Raw JSON text with a `__proto__` or `constructor.prototype` key inside one
 * of the value's objects (JSON.stringify never writes one), or a duplicate key.
 */
export const poisoned = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<BodyText> =>
  fc
    .record({
      value: valid,
      index: fc.nat(),
      flavour: fc.constantFrom(
        '"__proto__":{"isAdmin":true,"permissions":["*"]}',
        '"constructor":{"prototype":{"isAdmin":true}}',
        '"__proto__":null',
        '"constructor":{"name":"x"}',
      ),
    })
    .map(({ value, index, flavour }) => {
      const base = value && typeof value === 'object' && !Array.isArray(value) ? value : { value };
      const containers = containersOf(base);
      const target = containers[index % containers.length] as Path;
      const marker = '"__fuzz_marker__":0';
      const marked = setAt(base, [...target, '__fuzz_marker__'], 0);
      return {
        kind: `poison ${target.join('.') || '(root)'} ${flavour.slice(0, 14)}`,
        text: JSON.stringify(marked).replace(marker, flavour),
      };
    });

/** Text that is not JSON, or not quite. */
export const malformed = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<BodyText> =>
  fc
    .record({ value: valid, cut: fc.nat(), junk: fc.string({ maxLength: 8 }) })
    .chain(({ value, cut, junk }) => {
      const text = JSON.stringify(value) ?? 'null';
      return fc.constantFrom<BodyText>(
        { kind: 'malformed truncated', text: text.slice(0, Math.max(1, cut % Math.max(text.length, 1))) },
        { kind: 'malformed trailing', text: `${text}${junk}}` },
        { kind: 'malformed single quotes', text: text.replaceAll('"', "'") },
        { kind: 'malformed empty', text: '' },
        { kind: 'malformed whitespace', text: '   \n' },
        { kind: 'malformed bom', text: `\ufeff${text}` },
        { kind: 'malformed comment', text: `/* c */${text}` },
        { kind: 'malformed NaN', text: '{"a":NaN,"b":Infinity}' },
        { kind: 'edge deep array', text: `${'['.repeat(5_000)}${']'.repeat(5_000)}` },
        { kind: 'edge deep object', text: `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}` },
        { kind: 'edge lone surrogate', text: '{"a":"\\ud800"}' },
        { kind: 'malformed control char', text: '{"a":"\u0001\u0002"}' },
        { kind: 'edge 1e99999', text: '{"a":1e99999}' },
      );
    });
