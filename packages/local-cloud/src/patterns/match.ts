import type { Dialect } from './dialect';
import { alternativeMatches } from './operators';
import { fieldOf, isPlainObject, leavesOf } from './values';

/**
 * A leaf field: the array lists alternatives (OR) and the field matches when any alternative matches any leaf
 * value found there ("If the value in the event is an array, then the event pattern matches if the intersection
 * of the event pattern array and the event array is non-empty"). `exists` looks at whether any leaf value is
 * present at all, so an absent field, an empty array and an object all count as "does not exist".
 */
function leafFieldMatches(alternatives: unknown[], node: unknown, dialect: Dialect): boolean {
  const leaves = leavesOf(node);
  return alternatives.some((alternative) => {
    if (isPlainObject(alternative) && typeof alternative.exists === 'boolean') {
      return alternative.exists === leaves.length > 0;
    }
    return leaves.some((leaf) => alternativeMatches(alternative, leaf, dialect));
  });
}

/** The objects a nested pattern is tried against: each element of an array (arrays crushed), else the node. */
function candidatesOf(node: unknown): unknown[] {
  if (!Array.isArray(node)) {
    return [node];
  }
  const flat = node.flat(Number.POSITIVE_INFINITY);
  // An empty array holds no fields, which still satisfies `exists: false` below it.
  return flat.length === 0 ? [undefined] : flat;
}

/**
 * A pattern object against an event node: every field must match (AND). A nested pattern under an array is
 * matched against one element at a time, which is event-ruler's array consistency ("will refuse to recognize
 * any match in which any two fields are within JSON objects that are in different elements of the same array").
 */
export function objectMatches(pattern: Record<string, unknown>, node: unknown, dialect: Dialect): boolean {
  return Object.entries(pattern).every(([key, sub]) => {
    if (key === '$or' && Array.isArray(sub)) {
      return sub.some((branch) => isPlainObject(branch) && objectMatches(branch, node, dialect));
    }
    const child = fieldOf(node, key);
    if (Array.isArray(sub)) {
      return leafFieldMatches(sub, child, dialect);
    }
    if (isPlainObject(sub)) {
      return candidatesOf(child).some((candidate) => objectMatches(sub, candidate, dialect));
    }
    return false;
  });
}
