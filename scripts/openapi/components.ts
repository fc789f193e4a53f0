import type { SchemaFile } from '../contracts/catalogue';
import { resolveRef } from '../contracts/refs';
import type { JsonSchema } from '../contracts/schemaWalk';

/** Keywords a component drops: its identity is its place in the document, and the generators' annotation. */
const DROPPED = new Set(['$schema', '$id', '$defs', 'x-spendwise']);

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * Turns JSON Schema files that `$ref` one another (by relative path, resolved through their `$id`s) into OpenAPI
 * `components.schemas`: every schema a `$ref` reaches becomes one component, named by its `title` (or, for an
 * untitled `$defs` entry, by its key), and every `$ref` becomes `#/components/schemas/<name>`. OpenAPI 3.1 schemas
 * are JSON Schema 2020-12, so nothing else changes.
 */
export class Components {
  readonly schemas: Record<string, JsonSchema> = {};
  /** Component name of each resolved ref target, by its absolute URI. */
  private readonly names = new Map<string, string>();

  constructor(private readonly byId: ReadonlyMap<string, Pick<SchemaFile, 'schema'>>) {}

  /** A `$ref` to the component of the schema file with `$id` `id` (added, with everything it reaches). */
  refTo(id: string): JsonSchema {
    return { $ref: `#/components/schemas/${this.add(id, id)}` };
  }

  /** `schema` (found in the file with `$id` `baseId`) with its `$ref`s pointing at components, for inline use. */
  inline(schema: JsonSchema, baseId: string): JsonSchema {
    return this.rewrite(schema, baseId);
  }

  /** Adds a self-contained schema under its title (once) and returns that name. */
  named(schema: JsonSchema & { title: string }): string {
    this.schemas[schema.title] ??= schema;
    return schema.title;
  }

  /** The component name of the schema `ref` (relative to `baseId`) points at, adding it when new. */
  add(ref: string, baseId: string): string {
    const uri = new URL(ref, baseId).href;
    const known = this.names.get(uri);
    if (known) return known;
    const target = resolveRef(ref, baseId, this.byId);
    const fragment = new URL(uri).hash;
    const fallback = pascal(decodeURIComponent(fragment.split('/').pop() ?? '') || 'Schema');
    const name = this.uniqueName(typeof target.schema.title === 'string' ? target.schema.title : fallback);
    this.names.set(uri, name);
    this.schemas[name] = {}; // reserved first, so a cycle refers to it instead of recursing forever
    this.schemas[name] = this.rewrite(target.schema, target.baseId);
    return name;
  }

  private uniqueName(wanted: string): string {
    let name = wanted;
    for (let n = 2; name in this.schemas; n += 1) name = `${wanted}${n}`;
    return name;
  }

  /** A copy of `node` with each `$ref` pointing at its component. */
  private rewrite(node: unknown, baseId: string): JsonSchema {
    const walk = (value: unknown, top: boolean): unknown => {
      if (Array.isArray(value)) return value.map((item) => walk(item, false));
      if (value === null || typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) {
        if (top && DROPPED.has(key)) continue;
        if (key === 'x-spendwise') continue;
        if (key === '$ref' && typeof child === 'string') {
          out.$ref = `#/components/schemas/${this.add(child, baseId)}`;
          continue;
        }
        // Under `properties` (and other maps of schemas) keys are names, not keywords: walk their values.
        out[key] = walk(child, false);
      }
      return out;
    };
    return walk(node, true) as JsonSchema;
  }
}
