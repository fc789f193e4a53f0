import { parseCidr } from './cidr';
import type { Dialect } from './dialect';
import { isPlainObject } from './values';
import { wildcardProblem } from './wildcard';

/** Raises the service's error for a reason; each service wraps the same reasons in its own error class. */
export type Fail = (reason: string) => never;

/** The numeric operators event-ruler knows, and which of them may open a two-sided range. */
const NUMERIC_OPERATORS = new Set(['=', '<', '<=', '>', '>=']);

function checkNumber(value: unknown, op: string, dialect: Dialect, fail: Fail): number {
  if (typeof value !== 'number') {
    return fail(`Value of ${op === '=' ? 'equals' : op} must be numeric`);
  }
  if (!Number.isFinite(value) || Math.abs(value) > dialect.numericLimit) {
    return fail(`Value must be between ${-dialect.numericLimit} and ${dialect.numericLimit}, inclusive`);
  }
  return value;
}

/**
 * `numeric`: `[op, n]` or `[">"|">=", n, "<"|"<=", m]` with n < m, as event-ruler's JsonRuleCompiler reads it
 * (messages are its messages).
 */
function checkNumeric(arg: unknown, dialect: Dialect, fail: Fail): void {
  if (!Array.isArray(arg)) {
    fail('Value of numeric must be an array.');
  }
  const [op, value, op2, value2, ...rest] = arg as unknown[];
  if (typeof op !== 'string') {
    fail(`Invalid member in numeric match: ${op === undefined ? ']' : JSON.stringify(op)}`);
  }
  if (!NUMERIC_OPERATORS.has(op as string)) {
    fail(`Unrecognized numeric range operator: ${op as string}`);
  }
  const bottom = checkNumber(value, op as string, dialect, fail);
  if (arg.length === 2) {
    return;
  }
  if (op !== '>' && op !== '>=') {
    fail('Too many elements in numeric expression');
  }
  if (typeof op2 !== 'string') {
    fail(`Bad value in numeric range: ${JSON.stringify(op2)}`);
  }
  if (op2 !== '<' && op2 !== '<=') {
    fail(`Bad numeric range operator: ${op2 as string}`);
  }
  const top = checkNumber(value2, op2 as string, dialect, fail);
  if (rest.length > 0) {
    fail('Too many terms in numeric range expression');
  }
  if (bottom >= top) {
    fail('Bottom must be less than top');
  }
}

/** `anything-but` with a scalar or a list: all strings or all numbers (event-ruler). */
function checkAnythingButValues(arg: unknown, fail: Fail): void {
  const list = Array.isArray(arg) ? arg : [arg];
  const strings = list.every((item) => typeof item === 'string');
  const numbers = list.every((item) => typeof item === 'number');
  if (!Array.isArray(arg) && !strings && !numbers) {
    fail('Value of anything-but must be an array or single string/number value.');
  }
  if (list.length === 0 || !(strings || numbers)) {
    fail('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
}

/** `anything-but` with a nested `prefix`/`suffix` (both services) or `equals-ignore-case`/`wildcard` (EventBridge). */
function checkAnythingButObject(arg: Record<string, unknown>, dialect: Dialect, fail: Fail): void {
  const entries = Object.entries(arg);
  if (entries.length !== 1) {
    fail(
      entries.length === 0
        ? 'Anything-But expression name not found'
        : 'Only one key allowed in match expression',
    );
  }
  const [op, inner] = entries[0] as [string, unknown];
  const allowed = dialect.wildcard
    ? ['prefix', 'suffix', 'equals-ignore-case', 'wildcard']
    : ['prefix', 'suffix'];
  if (!allowed.includes(op)) {
    fail(`Unsupported anything-but pattern: ${op}`);
  }
  // EventBridge takes a list of strings for every nested form; SNS documents a single prefix/suffix only.
  const list = Array.isArray(inner) && dialect.wildcard ? inner : [inner];
  if (list.length === 0 || list.some((item) => typeof item !== 'string')) {
    fail(
      op === 'wildcard' ? 'wildcard match pattern must be a string' : `${op} match pattern must be a string`,
    );
  }
  if ((op === 'prefix' || op === 'suffix') && list.some((item) => item === '')) {
    fail('Null prefix/suffix not allowed');
  }
  if (op === 'wildcard') {
    for (const item of list) {
      checkWildcard(item, fail);
    }
  }
}

function checkWildcard(value: unknown, fail: Fail): void {
  if (typeof value !== 'string') {
    fail('wildcard match pattern must be a string');
  }
  const problem = wildcardProblem(value as string);
  if (problem !== undefined) {
    fail(problem);
  }
}

/** `prefix`/`suffix`: a string, or (EventBridge) `{ "equals-ignore-case": string }`. */
function checkAffix(op: string, arg: unknown, dialect: Dialect, fail: Fail): void {
  if (isPlainObject(arg) && dialect.ignoreCaseAffixes) {
    const keys = Object.keys(arg);
    if (keys.length !== 1 || keys[0] !== 'equals-ignore-case') {
      fail(`Unsupported ${op} pattern: ${keys.join(', ')}`);
    }
    if (typeof arg['equals-ignore-case'] !== 'string') {
      fail('equals-ignore-case match pattern must be a string');
    }
    return;
  }
  if (typeof arg !== 'string') {
    fail(`${op} match pattern must be a string`);
  }
}

type Checker = (arg: unknown, dialect: Dialect, fail: Fail) => void;

/** One checker per operator; an operator missing here (or `wildcard` for SNS) is unknown to the service. */
const CHECKERS: Record<string, Checker> = {
  prefix: (arg, dialect, fail) => checkAffix('prefix', arg, dialect, fail),
  suffix: (arg, dialect, fail) => checkAffix('suffix', arg, dialect, fail),
  'equals-ignore-case': (arg, _dialect, fail) => {
    if (typeof arg !== 'string') {
      fail('equals-ignore-case match pattern must be a string');
    }
  },
  wildcard: (arg, _dialect, fail) => checkWildcard(arg, fail),
  'anything-but': (arg, dialect, fail) => {
    if (isPlainObject(arg)) {
      checkAnythingButObject(arg, dialect, fail);
    } else {
      checkAnythingButValues(arg, fail);
    }
  },
  numeric: checkNumeric,
  exists: (arg, _dialect, fail) => {
    if (typeof arg !== 'boolean') {
      fail('exists match pattern must be either true or false.');
    }
  },
  cidr: (arg, _dialect, fail) => checkCidr(arg, fail),
};

/** Validates one match expression such as `{ "prefix": "us-" }`. */
export function checkExpression(expr: Record<string, unknown>, dialect: Dialect, fail: Fail): void {
  const entries = Object.entries(expr);
  if (entries.length !== 1) {
    fail(
      entries.length === 0 ? 'Match expression name not found' : 'Only one key allowed in match expression',
    );
  }
  const [op, arg] = entries[0] as [string, unknown];
  const checker = Object.hasOwn(CHECKERS, op) ? CHECKERS[op] : undefined;
  if (checker === undefined || (op === 'wildcard' && !dialect.wildcard)) {
    fail(`Unrecognized match type ${op}`);
  }
  checker(arg, dialect, fail);
}

function checkCidr(arg: unknown, fail: Fail): void {
  if (typeof arg !== 'string') {
    // event-ruler reuses the prefix message here.
    fail('prefix match pattern must be a string');
  }
  const cidr = parseCidr(arg as string);
  if (typeof cidr === 'string') {
    fail(cidr);
  }
}
