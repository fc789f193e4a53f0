import { EVENTBRIDGE } from './dialect';
import { InvalidEventPatternError } from './errors';
import { objectMatches } from './match';
import { checkObject, type Walk } from './validate';
import { isPlainObject } from './values';

/**
 * The largest event pattern EventBridge accepts: 2048 characters by default, raised by quota to at most 4096
 * (EventBridge quotas; Pipes `Filter.Pattern` "Maximum length of 4096"). Locally we allow the raised maximum.
 */
const MAX_PATTERN_LENGTH = 4096;

const WALK: Walk = {
  dialect: EVENTBRIDGE,
  nested: true,
  fail: (reason) => {
    throw new InvalidEventPatternError(reason);
  },
};

/** Accepts a pattern as an object or as its JSON text (CloudFormation gives objects, Lambda and the API text). */
function parsePattern(pattern: unknown): unknown {
  if (typeof pattern !== 'string') {
    return pattern;
  }
  try {
    return JSON.parse(pattern) as unknown;
  } catch {
    throw new InvalidEventPatternError('Filter is not valid JSON');
  }
}

/**
 * Throws `InvalidEventPatternError` when EventBridge would reject `pattern`: not an object, empty objects or
 * arrays, a leaf that is not an array, unknown operators, malformed numeric ranges, `**` in a wildcard, a
 * `$or` with fewer than two objects, or a pattern longer than 4096 characters.
 *
 * @example validateEventPattern({ source: ['spendwise.expenses'] });
 */
export function validateEventPattern(pattern: unknown): void {
  const parsed = parsePattern(pattern);
  if (!isPlainObject(parsed)) {
    throw new InvalidEventPatternError('Filter is not an object');
  }
  const length = typeof pattern === 'string' ? pattern.length : JSON.stringify(parsed).length;
  if (length > MAX_PATTERN_LENGTH) {
    throw new InvalidEventPatternError(`Event pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  }
  checkObject(parsed, 1, false, WALK);
}

/**
 * True when `event` matches the EventBridge event pattern (also the syntax of Lambda FilterCriteria and Pipes
 * filters). A pattern that is not an object matches nothing; validate patterns when rules are created.
 *
 * @example matchesEventPattern({ detail: { amount: [{ numeric: ['>', 100] }] } }, event);
 */
export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  let parsed: unknown;
  try {
    parsed = parsePattern(pattern);
  } catch {
    return false;
  }
  return isPlainObject(parsed) && objectMatches(parsed, event, EVENTBRIDGE);
}
