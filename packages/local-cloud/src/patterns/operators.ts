import { ipInCidr, parseCidr } from './cidr';
import type { Dialect } from './dialect';
import { canonical, inNumericRange, isPlainObject, type Leaf, numbersEqual } from './values';
import { wildcardMatches } from './wildcard';

/** Case folding for the `equals-ignore-case` family. */
function fold(text: string): string {
  return text.toLowerCase();
}

/** The values of an operator that accepts one string or a list of strings. */
function stringsOf(arg: unknown): string[] {
  const list = Array.isArray(arg) ? arg : [arg];
  return list.filter((item): item is string => typeof item === 'string');
}

/**
 * `prefix`/`suffix`, plain or with a nested `equals-ignore-case`. They only match strings: event-ruler README,
 * "Prefix matches only work on string-valued fields".
 */
function affixMatches(arg: unknown, value: Leaf, test: (text: string, affix: string) => boolean): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  if (isPlainObject(arg)) {
    const ignoreCase = arg['equals-ignore-case'];
    return typeof ignoreCase === 'string' && test(fold(value), fold(ignoreCase));
  }
  return typeof arg === 'string' && test(value, arg);
}

/** True when `value` is one of the values an `anything-but` excludes. */
function excluded(arg: unknown, value: Leaf, dialect: Dialect): boolean {
  if (Array.isArray(arg)) {
    return arg.some((item) => excluded(item, value, dialect));
  }
  if (typeof arg === 'number') {
    return typeof value === 'number' && numbersEqual(value, arg, dialect);
  }
  if (!isPlainObject(arg)) {
    return typeof arg === 'string' && value === arg;
  }
  // The nested forms are string operators: a number or boolean is never excluded by them.
  if (typeof value !== 'string') {
    return false;
  }
  const [op, inner] = Object.entries(arg)[0] ?? [];
  const values = stringsOf(inner);
  switch (op) {
    case 'prefix':
      return values.some((p) => value.startsWith(p));
    case 'suffix':
      return values.some((s) => value.endsWith(s));
    case 'equals-ignore-case':
      return values.some((v) => fold(v) === fold(value));
    case 'wildcard':
      return dialect.wildcard && values.some((w) => wildcardMatches(w, value));
    default:
      return false;
  }
}

/** `numeric`: JSON numbers only, compared at the dialect's precision ("strings never match numeric"). */
function numericMatches(arg: unknown, value: Leaf, dialect: Dialect): boolean {
  if (typeof value !== 'number' || !Array.isArray(arg) || !inNumericRange(value, dialect)) {
    return false;
  }
  const actual = canonical(value, dialect);
  for (let i = 0; i + 1 < arg.length; i += 2) {
    const operand = arg[i + 1];
    if (typeof operand !== 'number') {
      return false;
    }
    const bound = canonical(operand, dialect);
    const ok = compare(String(arg[i]), actual, bound);
    if (!ok) {
      return false;
    }
  }
  return arg.length >= 2;
}

function compare(op: string, actual: number, bound: number): boolean {
  switch (op) {
    case '=':
      return actual === bound;
    case '<':
      return actual < bound;
    case '<=':
      return actual <= bound;
    case '>':
      return actual > bound;
    case '>=':
      return actual >= bound;
    default:
      return false;
  }
}

function cidrMatches(arg: unknown, value: Leaf): boolean {
  if (typeof value !== 'string' || typeof arg !== 'string') {
    return false;
  }
  const cidr = parseCidr(arg);
  return typeof cidr !== 'string' && ipInCidr(value, cidr);
}

/** One match expression (`{ prefix: … }` etc.) against one leaf value; `exists` is decided per field. */
function expressionMatches(expr: Record<string, unknown>, value: Leaf, dialect: Dialect): boolean {
  const [op, arg] = Object.entries(expr)[0] ?? [];
  switch (op) {
    case 'prefix':
      return affixMatches(arg, value, (text, affix) => text.startsWith(affix));
    case 'suffix':
      return affixMatches(arg, value, (text, affix) => text.endsWith(affix));
    case 'equals-ignore-case':
      return typeof value === 'string' && typeof arg === 'string' && fold(value) === fold(arg);
    case 'wildcard':
      return (
        dialect.wildcard &&
        typeof value === 'string' &&
        typeof arg === 'string' &&
        wildcardMatches(arg, value)
      );
    case 'anything-but':
      return !excluded(arg, value, dialect);
    case 'numeric':
      return numericMatches(arg, value, dialect);
    case 'cidr':
      return cidrMatches(arg, value);
    default:
      return false;
  }
}

/**
 * One alternative of a leaf array against one leaf value. Exact values are type-strict and case-sensitive
 * ("Matching is case-sensitive"; `null` matches only JSON null and `""` only the empty string), while numbers
 * compare numerically so 300 matches 300.0.
 */
export function alternativeMatches(alternative: unknown, value: Leaf, dialect: Dialect): boolean {
  if (isPlainObject(alternative)) {
    return expressionMatches(alternative, value, dialect);
  }
  if (typeof alternative === 'number') {
    return typeof value === 'number' && numbersEqual(value, alternative, dialect);
  }
  return value === alternative;
}
