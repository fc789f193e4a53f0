import { fitted, type Narrative, summaryOf } from './groundedText';
import { pick, type Random } from './seed';

export type JsonSchema = { [keyword: string]: unknown };

/** What generated values draw on: the seeded generator and what the prompt mentions. */
export interface SampleSource {
  random: Random;
  figures: string[];
  topics: string[];
  /** Months and dates from the prompt, offered to `pattern`-constrained strings. */
  dates?: string[];
  /**
   * Sentences grounded in the prompt's data: free-text strings are filled from it (a summary, highlights for
   * arrays of strings, title and detail for arrays of objects) instead of from the phrases below.
   */
  narrative?: Narrative;
}

interface Walk extends SampleSource {
  root: JsonSchema;
  depth: number;
  /** Position in the nearest enclosing array, and that array's key while sampling its items directly. */
  index?: number;
  itemOf?: string;
}

const PHRASES = [
  'The request mentions {figure} ({topic}).',
  '{figure} is one of the figures given.',
  'A figure given for {topic}: {figure}.',
];

const FORMATS: Record<string, string> = {
  date: '2025-01-31',
  'date-time': '2025-01-31T00:00:00Z',
  time: '00:00:00Z',
  email: 'local-model@example.com',
  uri: 'https://example.com/local-model',
  uuid: '00000000-0000-4000-8000-000000000000',
};

/** Follows a local `$ref` (`#/…`), merges `allOf`, and takes the first non-null `anyOf`/`oneOf` branch. */
function resolve(schema: JsonSchema, root: JsonSchema, seen = 0): JsonSchema {
  if (seen > 16) return {};
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#')) {
    const path = schema.$ref.slice(1).split('/').filter(Boolean);
    const target = path.reduce<unknown>((node, key) => (node as JsonSchema)?.[decodeURIComponent(key)], root);
    const { $ref: _ref, ...rest } = schema;
    return resolve({ ...(target as JsonSchema), ...rest }, root, seen + 1);
  }
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    return (allOf as JsonSchema[]).reduce<JsonSchema>(
      (merged, part) => mergeSchemas(merged, resolve(part, root, seen + 1)),
      rest,
    );
  }
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(options)) {
    const { anyOf: _a, oneOf: _o, ...rest } = schema;
    const chosen = options.find((option) => option.type !== 'null') ?? options[0] ?? {};
    return resolve({ ...rest, ...chosen }, root, seen + 1);
  }
  return schema;
}

function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  return {
    ...a,
    ...b,
    properties: { ...(a.properties as object), ...(b.properties as object) },
    required: [...((a.required as string[]) ?? []), ...((b.required as string[]) ?? [])],
  };
}

/** The schema's type: the first non-null of a type list, or inferred from its keywords. */
function typeOf(schema: JsonSchema): string | undefined {
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') ?? 'null') : schema.type;
  if (typeof type === 'string') return type;
  if (schema.properties || schema.required) return 'object';
  if (schema.items) return 'array';
  if (schema.minimum !== undefined || schema.maximum !== undefined) return 'number';
  return undefined;
}

/** A value that validates against `schema` (local refs, allOf/anyOf/oneOf, enum/const, bounds, formats). */
export function sampleFromSchema(schema: JsonSchema, source: SampleSource): unknown {
  return sample(schema, { ...source, root: schema, depth: 0 }, 'value');
}

function sample(raw: JsonSchema, walk: Walk, key: string): unknown {
  const schema = resolve(raw, walk.root);
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return pick(schema.enum, walk.random);
  const deeper = { ...walk, depth: walk.depth + 1 };
  switch (typeOf(schema)) {
    case 'object':
      return walk.depth > 8 ? {} : sampleObject(schema, deeper);
    case 'array':
      return walk.depth > 8 ? [] : sampleArray(schema, deeper, key);
    case 'integer':
      return sampleNumber(schema, walk, true);
    case 'number':
      return sampleNumber(schema, walk, false);
    case 'boolean':
      return walk.random() < 0.5;
    case 'null':
      return null;
    default:
      return sampleString(schema, walk, key);
  }
}

function sampleObject(schema: JsonSchema, walk: Walk): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const keys = [
    ...new Set([...Object.keys(properties), ...((schema.required as string[] | undefined) ?? [])]),
  ];
  const inner = { ...walk, itemOf: undefined };
  return Object.fromEntries(
    keys.map((key) => [key, sample(properties[key] ?? { type: 'string' }, inner, key)]),
  );
}

function sampleArray(schema: JsonSchema, walk: Walk, key: string): unknown[] {
  const min = Number(schema.minItems ?? 0);
  const max = Number(schema.maxItems ?? Number.POSITIVE_INFINITY);
  const itemSchema = (Array.isArray(schema.items) ? schema.items[0] : schema.items) as JsonSchema | undefined;
  const count = Math.min(Math.max(min, 1, groundedCount(itemSchema, walk)), max);
  const items: unknown[] = [];
  for (let attempt = 0; items.length < count && attempt < count * 10; attempt++) {
    const item = sample(itemSchema ?? { type: 'string' }, { ...walk, index: attempt, itemOf: key }, key);
    if (!schema.uniqueItems || !items.some((other) => JSON.stringify(other) === JSON.stringify(item)))
      items.push(item);
  }
  return items;
}

/** The inclusive range a number must fall in (draft-4 boolean and draft-6+ numeric exclusive bounds). */
function numberBounds(schema: JsonSchema, tiny: number): { lo: number; hi: number } {
  let lo = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  let hi = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  if (typeof schema.exclusiveMinimum === 'number')
    lo = Math.max(lo ?? -Infinity, schema.exclusiveMinimum + tiny);
  else if (schema.exclusiveMinimum === true && lo !== undefined) lo += tiny;
  if (typeof schema.exclusiveMaximum === 'number')
    hi = Math.min(hi ?? Infinity, schema.exclusiveMaximum - tiny);
  else if (schema.exclusiveMaximum === true && hi !== undefined) hi -= tiny;
  lo ??= hi === undefined ? 0 : Math.min(0, hi);
  return { lo, hi: hi ?? lo + 1000 };
}

/** A number from the prompt's figures when one fits the bounds, else a seeded one inside them. */
function sampleNumber(schema: JsonSchema, walk: Walk, integer: boolean): number {
  const step = typeof schema.multipleOf === 'number' ? schema.multipleOf : integer ? 1 : 0.01;
  const { lo, hi } = numberBounds(schema, integer ? 1 : 0.01);
  const fits = (n: number) => n >= lo && n <= hi && Math.abs(n / step - Math.round(n / step)) < 1e-9;
  const fromPrompt = walk.figures.map((figure) => Number(figure.replace(/[^\d.-]/g, ''))).filter(fits);
  if (fromPrompt.length) return pick(fromPrompt, walk.random);
  const first = Math.ceil(lo / step);
  const last = Math.floor(hi / step);
  return Number(((first + Math.floor(walk.random() * (last - first + 1))) * step).toFixed(10));
}

/** How many items the narrative has for an array: highlights for strings, recommendations for objects. */
function groundedCount(itemSchema: JsonSchema | undefined, walk: Walk): number {
  if (!walk.narrative || !itemSchema) return 0;
  const type = typeOf(resolve(itemSchema, walk.root));
  if (type === 'object') return walk.narrative.recommendations.length;
  return type === 'string' ? walk.narrative.highlights.length : 0;
}

/** The narrative's text for a free-text string at this place of the schema. */
function groundedString(narrative: Narrative, walk: Walk, key: string, max: number): string {
  const at = walk.index ?? 0;
  if (walk.itemOf === key) return fitted(narrative.highlights[at % narrative.highlights.length]!, max);
  if (walk.index !== undefined) {
    const recommendation = narrative.recommendations[at % narrative.recommendations.length]!;
    const wantsTitle = /title|heading|headline|name|label/i.test(key);
    return fitted(wantsTitle ? recommendation.title : recommendation.detail, max);
  }
  return summaryOf(narrative, max);
}

function sampleString(schema: JsonSchema, walk: Walk, key: string): string {
  if (typeof schema.format === 'string' && FORMATS[schema.format]) return FORMATS[schema.format]!;
  if (walk.narrative && typeof schema.pattern !== 'string') {
    let text = groundedString(
      walk.narrative,
      walk,
      key,
      Number(schema.maxLength ?? Number.POSITIVE_INFINITY),
    );
    while (text.length < Number(schema.minLength ?? 0)) text = `${text} ${text}`;
    return text.slice(0, Number(schema.maxLength ?? text.length));
  }
  const topic = walk.topics.length
    ? pick(walk.topics, walk.random)
    : key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const figure = walk.figures.length
    ? pick(walk.figures, walk.random)
    : String(Math.round(walk.random() * 1000));
  let text = pick(PHRASES, walk.random).replace('{topic}', topic).replace('{figure}', figure);
  text = text.charAt(0).toUpperCase() + text.slice(1);
  if (typeof schema.pattern === 'string')
    text =
      matchingCandidate(schema.pattern, [text, figure, topic, ...walk.figures, ...(walk.dates ?? [])]) ??
      text;
  const minLength = Number(schema.minLength ?? 0);
  while (text.length < minLength) text = `${text} ${text}`;
  return (
    text.slice(0, Number(schema.maxLength ?? text.length)).trimEnd() ||
    text.slice(0, Number(schema.maxLength))
  );
}

/** The first candidate a `pattern` accepts (generating from arbitrary regular expressions is out of scope). */
function matchingCandidate(pattern: string, candidates: string[]): string | undefined {
  const regex = new RegExp(pattern, 'u');
  return candidates.find((candidate) => regex.test(candidate));
}

/** A value of the wrong JSON type for `schema`. */
function wrongValueFor(schema: JsonSchema): unknown {
  const type = typeOf(schema);
  if (type === 'string') return 12345;
  if (type === 'number' || type === 'integer') return 'not a number';
  if (type === 'boolean') return 'not a boolean';
  if (type === 'array') return 'not an array';
  if (type === 'object') return 'not an object';
  return undefined;
}

/**
 * Malforms a valid sample so it no longer validates, as a misbehaving model would: drops the first required
 * property and gives another property a value of the wrong type.
 */
export function violateSchema(raw: JsonSchema, valid: unknown): unknown {
  const schema = resolve(raw, raw);
  if (typeOf(schema) !== 'object' || !valid || typeof valid !== 'object')
    return wrongValueFor(schema) ?? valid;
  const broken = { ...(valid as Record<string, unknown>) };
  const required = (schema.required as string[] | undefined) ?? [];
  if (required[0]) delete broken[required[0]];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const other = Object.keys(properties).find(
    (key) => key !== required[0] && wrongValueFor(resolve(properties[key]!, raw)) !== undefined,
  );
  if (other) broken[other] = wrongValueFor(resolve(properties[other]!, raw));
  return broken;
}
