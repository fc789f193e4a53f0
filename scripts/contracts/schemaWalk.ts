/** A JSON Schema object as read from disk: keywords are checked where they are used. */
export type JsonSchema = { [keyword: string]: unknown };

// Keywords whose value is a map from names to subschemas: the names are data, not keywords.
const SCHEMA_MAPS = ['properties', '$defs', 'definitions', 'patternProperties', 'dependentSchemas'];
const SCHEMA_VALUES = [
  'items',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
];
const SCHEMA_ARRAYS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

/** True for a non-null, non-array object. */
export function isSchemaObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rebuilds a schema bottom-up: `visit` sees every schema object after its subschemas were rebuilt, and never
 * the values of `enum`, `const`, `default` or the property names of `properties`.
 */
export function mapSchema(schema: JsonSchema, visit: (node: JsonSchema) => JsonSchema): JsonSchema {
  const rebuilt: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    rebuilt[keyword] = mapKeyword(keyword, value, visit);
  }
  return visit(rebuilt);
}

function mapKeyword(keyword: string, value: unknown, visit: (node: JsonSchema) => JsonSchema): unknown {
  if (SCHEMA_MAPS.includes(keyword) && isSchemaObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([name, sub]) => [name, isSchemaObject(sub) ? mapSchema(sub, visit) : sub]),
    );
  }
  if (SCHEMA_VALUES.includes(keyword) && isSchemaObject(value)) return mapSchema(value, visit);
  if (SCHEMA_ARRAYS.includes(keyword) && Array.isArray(value)) {
    return value.map((sub) => (isSchemaObject(sub) ? mapSchema(sub, visit) : sub));
  }
  return value;
}

/** Calls `visit` for every schema object in `schema`, itself included. */
export function forEachSchema(schema: JsonSchema, visit: (node: JsonSchema) => void): void {
  mapSchema(schema, (node) => {
    visit(node);
    return node;
  });
}

/** Keywords that only annotate: dropping them never changes what a schema accepts. */
export const ANNOTATION_KEYWORDS: readonly string[] = [
  'title',
  'description',
  '$comment',
  'examples',
  'x-spendwise',
];

/** Copy of `schema` without annotation keywords, for code that only validates. */
export function withoutAnnotations(schema: JsonSchema): JsonSchema {
  return mapSchema(schema, (node) =>
    Object.fromEntries(Object.entries(node).filter(([keyword]) => !ANNOTATION_KEYWORDS.includes(keyword))),
  );
}
