import type { SchemaFile } from './catalogue';
import { fingerprintSchema } from './fingerprint';
import { resolveRef } from './refs';
import { isSchemaObject, type JsonSchema } from './schemaWalk';

/** One field of an event, flattened: `amount.minorUnits`, `tags[]` (an item of `tags`). */
export interface EventField {
  readonly path: string;
  /** JSON types, e.g. `['string', 'null']`; `['any']` when the schema does not say. */
  readonly types: readonly string[];
  /** Whether the field must be present in its parent object; array items always are. */
  readonly required: boolean;
  readonly description: string | undefined;
  /** `format` of a string (`uuid`, `date-time`). */
  readonly format: string | undefined;
  /** The values an `enum` or `const` allows. */
  readonly values: readonly unknown[] | undefined;
}

type Schemas = ReadonlyMap<string, Pick<SchemaFile, 'schema'>>;

interface Annotations {
  description?: string;
  format?: string;
  values?: unknown[];
}

const MAX_DEPTH = 32;

/**
 * Flattens the schema at `id` (a document `$id`, or one with a JSON Pointer fragment such as
 * `…/ExpenseRecorded.v1.schema.json#/properties/data`) into its fields, following `$ref`s into
 * events/common and through allOf/anyOf/oneOf and arrays. Types and required-ness are those of the
 * compatibility fingerprint, so the catalogue documents exactly what the compatibility test guards.
 */
export function flattenFields(id: string, schemas: Schemas): EventField[] {
  const fingerprint = fingerprintSchema(id, schemas);
  const annotations = new Map<string, Annotations>();
  const root = resolveRef(id, id, schemas);
  collectAnnotations(root.schema, root.baseId, '', { annotations, schemas }, 0);
  return Object.entries(fingerprint).map(([path, shape]) => {
    const [requirement, types] = shape.split(' ') as [string, string];
    const notes = annotations.get(path) ?? {};
    return {
      path,
      types: types.split('|'),
      required: requirement === 'required',
      description: notes.description,
      format: notes.format,
      values: notes.values,
    };
  });
}

interface Walk {
  readonly annotations: Map<string, Annotations>;
  readonly schemas: Schemas;
}

/**
 * Records the first description, format and allowed values found for each path. A property's own annotations
 * come before those of what it references, so `"previous": { "$ref": …, "description": "State before" }`
 * documents `previous` with its own words.
 */
function collectAnnotations(
  schema: JsonSchema,
  baseId: string,
  path: string,
  walk: Walk,
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  const notes = walk.annotations.get(path) ?? {};
  walk.annotations.set(path, notes);
  annotate(notes, schema);
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(schema.$ref, baseId, walk.schemas);
    collectAnnotations(target.schema, target.baseId, path, walk, depth + 1);
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const members = Array.isArray(schema[keyword]) ? (schema[keyword] as unknown[]) : [];
    for (const member of members.filter(isSchemaObject)) {
      collectAnnotations(member, baseId, path, walk, depth + 1);
    }
  }
  if (isSchemaObject(schema.properties)) {
    for (const [name, sub] of Object.entries(schema.properties)) {
      const childPath = path === '' ? name : `${path}.${name}`;
      if (isSchemaObject(sub)) collectAnnotations(sub, baseId, childPath, walk, depth + 1);
    }
  }
  if (isSchemaObject(schema.items)) collectAnnotations(schema.items, baseId, `${path}[]`, walk, depth + 1);
}

/** Fills what `notes` still lacks from the annotations of `schema` itself. */
function annotate(notes: Annotations, schema: JsonSchema): void {
  if (typeof schema.description === 'string') notes.description ??= schema.description;
  if (typeof schema.format === 'string') notes.format ??= schema.format;
  if (Array.isArray(schema.enum)) notes.values ??= schema.enum;
  if ('const' in schema) notes.values ??= [schema.const];
}
