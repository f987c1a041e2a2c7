import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** One example in an OpenAPI document and the schema it must satisfy, both as JSON pointers. */
export interface DocumentExample {
  /** Where the example value sits. */
  at: string;
  /** The schema it illustrates. */
  schema: string;
  value: unknown;
}

// Objects under these keys are maps of names (properties, paths, status codes,
// media types...): a property may be called "example" without being one.
const namedMaps = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'dependentSchemas',
  'paths',
  'webhooks',
  'schemas',
  'responses',
  'parameters',
  'requestBodies',
  'headers',
  'content',
  'securitySchemes',
  'links',
  'callbacks',
  'pathItems',
  'variables',
]);

const escapeToken = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every example in the document: `example` and JSON Schema `examples` on a
 * schema, and `example` or `examples` (Example Objects with a `value`) on a
 * media type, parameter or header, which illustrate its `schema`.
 */
export const collectExamples = (document: object): DocumentExample[] => {
  const found: DocumentExample[] = [];
  const walk = (node: unknown, at: string, inNamedMap: boolean): void => {
    if (Array.isArray(node)) {
      for (const [index, child] of node.entries()) walk(child, `${at}/${index}`, false);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (!inNamedMap) {
      const target = 'schema' in record ? `${at}/schema` : at;
      if ('example' in record) found.push({ at: `${at}/example`, schema: target, value: record.example });
      const examples = record.examples;
      if (Array.isArray(examples) && !('schema' in record)) {
        for (const [index, value] of examples.entries()) {
          found.push({ at: `${at}/examples/${index}`, schema: at, value });
        }
      } else if (examples && typeof examples === 'object' && 'schema' in record) {
        for (const [name, example] of Object.entries(examples as Record<string, { value?: unknown }>)) {
          if ('value' in example) {
            found.push({
              at: `${at}/examples/${escapeToken(name)}/value`,
              schema: target,
              value: example.value,
            });
          }
        }
      }
    }
    for (const [key, child] of Object.entries(record)) {
      // Example values are data, not more document.
      if (!inNamedMap && (key === 'example' || key === 'examples')) continue;
      walk(child, `${at}/${escapeToken(key)}`, !inNamedMap && namedMaps.has(key));
    }
  };
  walk(document, '#', false);
  return found;
};

/**
 * Examples that do not validate against their schema, as "pointer: errors".
 * The document is registered whole, so a schema's $refs into
 * #/components/schemas resolve as they do for any OpenAPI tool.
 */
export const invalidExamples = (document: object): string[] => {
  // strict: false because the document around the schemas (paths, info, x-
  // extensions) is not JSON Schema; formats are checked, as clients would.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi.json');
  return collectExamples(document).flatMap((example) => {
    const validate = ajv.compile({ $ref: `openapi.json${encodeURI(example.schema)}` });
    if (validate(example.value)) return [];
    const errors = (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
    return [`${example.at}: ${errors.join('; ')}`];
  });
};
