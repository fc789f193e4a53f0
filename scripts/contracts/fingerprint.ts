import type { SchemaFile } from './catalogue';
import { type ResolvedSchema, resolveRef } from './refs';
import { isSchemaObject, type JsonSchema } from './schemaWalk';

/**
 * The shape of a schema version as consumers see it: every field path (`data.expense.amount.minorUnits`,
 * `data.expense.tags[]`) mapped to `"<required|optional> <type>|<type>"`, following $refs, allOf/anyOf/oneOf,
 * objects and arrays. Constraints (lengths, patterns, enums) are left out: they may change within a version.
 */
export type Fingerprint = Record<string, string>;

/** A schema nests deeper than any sane event, most likely through a recursive $ref. */
export class FingerprintDepthError extends Error {
  override name = 'FingerprintDepthError';
}

type Schemas = ReadonlyMap<string, Pick<SchemaFile, 'schema'>>;

/** A value matches at least one alternative, and every schema of that alternative. */
type Alternatives = ResolvedSchema[][];

interface Shape {
  /** JSON types the value may have; undefined when the schema does not say. */
  types: Set<string> | undefined;
  properties: Map<string, Alternatives>;
  required: Set<string>;
  items: Alternatives | undefined;
}

const MAX_DEPTH = 32;

/** The fingerprint of the schema with `$id` `id`, resolving $refs among `schemas`. */
export function fingerprintSchema(id: string, schemas: Schemas): Fingerprint {
  const fields: Fingerprint = {};
  const root = resolveRef(id, id, schemas);
  visit(shapeOf([root], schemas, 0), '', fields, schemas, 0);
  return Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function visit(shape: Shape, path: string, fields: Fingerprint, schemas: Schemas, depth: number): void {
  if (depth > MAX_DEPTH)
    throw new FingerprintDepthError(`schema nests deeper than ${MAX_DEPTH} levels at ${path}`);
  for (const [name, alternatives] of [...shape.properties].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const childPath = path === '' ? name : `${path}.${name}`;
    const child = shapeOfAlternatives(alternatives, schemas, depth + 1);
    fields[childPath] = describe(shape.required.has(name), child.types);
    visit(child, childPath, fields, schemas, depth + 1);
  }
  if (shape.items) {
    const itemsPath = `${path}[]`;
    const items = shapeOfAlternatives(shape.items, schemas, depth + 1);
    fields[itemsPath] = describe(true, items.types);
    visit(items, itemsPath, fields, schemas, depth + 1);
  }
}

function describe(required: boolean, types: Set<string> | undefined): string {
  return `${required ? 'required' : 'optional'} ${types ? [...types].sort().join('|') : 'any'}`;
}

function shapeOfAlternatives(alternatives: Alternatives, all: Schemas, depth: number): Shape {
  const shapes = alternatives.map((schemas) => shapeOf(schemas, all, depth));
  return shapes.length === 1 ? shapes[0]! : unionOf(shapes);
}

/** The combined shape of schemas that all apply to one value (a property's schemas, allOf members, a $ref). */
function shapeOf(schemas: readonly ResolvedSchema[], all: Schemas, depth: number): Shape {
  if (depth > MAX_DEPTH) throw new FingerprintDepthError(`schema nests deeper than ${MAX_DEPTH} levels`);
  const shape: Shape = { types: undefined, properties: new Map(), required: new Set(), items: undefined };
  for (const { schema, baseId } of schemas) {
    const parts: ResolvedSchema[] = [];
    if (typeof schema.$ref === 'string') parts.push(resolveRef(schema.$ref, baseId, all));
    for (const member of subschemas(schema.allOf)) parts.push({ schema: member, baseId });
    if (parts.length > 0) mergeInto(shape, shapeOf(parts, all, depth + 1));
    for (const keyword of ['anyOf', 'oneOf']) {
      const branches = subschemas(schema[keyword]).map((branch) =>
        shapeOf([{ schema: branch, baseId }], all, depth + 1),
      );
      if (branches.length > 0) mergeInto(shape, unionOf(branches));
    }
    mergeInto(shape, ownShape(schema, baseId));
  }
  return shape;
}

function ownShape(schema: JsonSchema, baseId: string): Shape {
  const properties = new Map<string, Alternatives>();
  if (isSchemaObject(schema.properties)) {
    for (const [name, sub] of Object.entries(schema.properties)) {
      if (isSchemaObject(sub)) properties.set(name, [[{ schema: sub, baseId }]]);
    }
  }
  return {
    types: ownTypes(schema),
    properties,
    required: new Set(Array.isArray(schema.required) ? schema.required.map(String) : []),
    items: isSchemaObject(schema.items) ? [[{ schema: schema.items, baseId }]] : undefined,
  };
}

function ownTypes(schema: JsonSchema): Set<string> | undefined {
  if (typeof schema.type === 'string') return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type.map(String));
  if ('const' in schema) return new Set([jsonType(schema.const)]);
  if (Array.isArray(schema.enum)) return new Set(schema.enum.map(jsonType));
  return undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Every part applies: types narrow to those all parts allow, properties and required fields add up. */
function mergeInto(target: Shape, part: Shape): void {
  target.types = intersect(target.types, part.types);
  for (const [name, alternatives] of part.properties) {
    target.properties.set(name, allOfAlternatives(target.properties.get(name), alternatives));
  }
  for (const name of part.required) target.required.add(name);
  if (part.items) target.items = allOfAlternatives(target.items, part.items);
}

function allOfAlternatives(a: Alternatives | undefined, b: Alternatives): Alternatives {
  return a ? a.flatMap((left) => b.map((right) => [...left, ...right])) : b;
}

function intersect(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (!a) return b && new Set(b);
  if (!b) return a;
  const both = new Set([...a].filter((type) => b.has(type)));
  // An integer is a number: {type: number} with {const: 1} still means integer.
  if (a.has('number') && b.has('integer')) both.add('integer');
  if (b.has('number') && a.has('integer')) both.add('integer');
  return both;
}

/** One branch applies: any branch's type is possible, and only what every branch requires is required. */
function unionOf(branches: readonly Shape[]): Shape {
  const untyped = branches.some((branch) => !branch.types);
  const itemAlternatives = branches.flatMap((branch) => branch.items ?? []);
  const union: Shape = {
    types: untyped ? undefined : new Set(branches.flatMap((branch) => [...branch.types!])),
    properties: new Map(),
    required: new Set(
      [...branches[0]!.required].filter((name) => branches.every((b) => b.required.has(name))),
    ),
    items: itemAlternatives.length > 0 ? itemAlternatives : undefined,
  };
  for (const branch of branches) {
    for (const [name, alternatives] of branch.properties) {
      union.properties.set(name, [...(union.properties.get(name) ?? []), ...alternatives]);
    }
  }
  return union;
}

function subschemas(value: unknown): JsonSchema[] {
  return Array.isArray(value) ? value.filter(isSchemaObject) : [];
}
