import type { Dialect } from './dialect';
import { checkExpression, type Fail } from './validateExpression';
import { isPlainObject } from './values';

/** The operator names event-ruler refuses as field names inside `$or` (Constants.RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP). */
const RESERVED_IN_OR = new Set([
  'anything-but',
  'exists',
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'numeric',
  'cidr',
  'wildcard',
]);

/** How a pattern is walked: which service, how errors surface, and whether nesting is allowed. */
export interface Walk {
  readonly dialect: Dialect;
  readonly fail: Fail;
  /** SNS attribute policies are flat: "Filter policy scope MessageAttributes does not support nested filter policy". */
  readonly nested: boolean;
}

function checkLeafArray(key: string, values: unknown[], walk: Walk): void {
  if (values.length === 0) {
    walk.fail('Empty arrays are not allowed');
  }
  for (const value of values) {
    if (isPlainObject(value)) {
      checkExpression(value, walk.dialect, walk.fail);
    } else if (Array.isArray(value) || (typeof value === 'number' && !Number.isFinite(value))) {
      walk.fail('Match value must be String, number, true, false, or null');
    } else if (value === undefined || typeof value === 'function' || typeof value === 'bigint') {
      walk.fail(`"${key}" must be an object or an array`);
    }
  }
}

/** `$or`: an array of at least two objects, each itself a pattern at the same level (event-ruler). */
function checkOr(branches: unknown, depth: number, walk: Walk): void {
  if (!Array.isArray(branches)) {
    walk.fail('It must be an Array followed with $or.');
  }
  for (const branch of branches as unknown[]) {
    if (!isPlainObject(branch)) {
      walk.fail('Only JSON object is allowed in array of $or relationship.');
    }
    checkObject(branch as Record<string, unknown>, depth, true, walk);
  }
  if ((branches as unknown[]).length < 2) {
    walk.fail('There must have at least 2 Objects in $or relationship.');
  }
}

/** Validates one pattern object: non-empty, each field an array of alternatives, a nested object, or `$or`. */
export function checkObject(
  pattern: Record<string, unknown>,
  depth: number,
  insideOr: boolean,
  walk: Walk,
): void {
  const entries = Object.entries(pattern);
  if (entries.length === 0) {
    walk.fail('Empty objects are not allowed');
  }
  for (const [key, value] of entries) {
    if (key === '$or') {
      checkOr(value, depth, walk);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) {
      walk.fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    }
    if (Array.isArray(value)) {
      checkLeafArray(key, value, walk);
    } else if (isPlainObject(value)) {
      if (!walk.nested) {
        walk.fail('Filter policy scope MessageAttributes does not support nested filter policy');
      }
      checkObject(value, depth + 1, false, walk);
    } else {
      walk.fail(`"${key}" must be an object or an array`);
    }
  }
}
