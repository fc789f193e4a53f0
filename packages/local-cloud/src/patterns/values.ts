import type { Dialect } from './dialect';

/** A JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar JSON value a leaf pattern can match. */
export type Leaf = string | number | boolean | null;

/**
 * The leaf values found at a field. Arrays are crushed (any element may match, nested arrays too) and objects
 * are dropped, because patterns only match leaf nodes: event-ruler README, "Exists matching only works on the
 * leaf nodes", and the EventBridge example where `c-count: { c1: 100 }` satisfies `exists: false`.
 */
export function leavesOf(value: unknown): Leaf[] {
  if (value === undefined || isPlainObject(value)) {
    return [];
  }
  if (Array.isArray(value)) {
    return value.flatMap(leavesOf);
  }
  return [value as Leaf];
}

/** The value of `key` when `node` is an object, otherwise undefined (a field of a scalar is absent). */
export function fieldOf(node: unknown, key: string): unknown {
  return isPlainObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
}

/** True when `n` is finite and inside the dialect's numeric range. */
export function inNumericRange(n: number, dialect: Dialect): boolean {
  return Number.isFinite(n) && Math.abs(n) <= dialect.numericLimit;
}

/**
 * The integer AWS effectively compares: numbers are kept to a fixed number of decimals (6 for EventBridge,
 * 5 for SNS), so 0.1 + 0.2 equals 0.3 and 300 equals 300.0.
 */
export function canonical(n: number, dialect: Dialect): number {
  return Math.round(n * 10 ** dialect.decimals);
}

/** Numeric equality as AWS performs it for exact-number patterns and `anything-but` numbers. */
export function numbersEqual(a: number, b: number, dialect: Dialect): boolean {
  if (a === b) {
    return true;
  }
  return (
    inNumericRange(a, dialect) &&
    inNumericRange(b, dialect) &&
    canonical(a, dialect) === canonical(b, dialect)
  );
}
