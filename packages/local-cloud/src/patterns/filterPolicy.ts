import { SNS } from './dialect';
import { InvalidFilterPolicyError } from './errors';
import { objectMatches } from './match';
import { checkObject, type Walk } from './validate';
import { isPlainObject } from './values';

/** An SNS message as a subscription filter policy sees it. */
export interface FilterPolicyMessage {
  attributes: Record<string, { DataType: string; StringValue?: string }>;
  body: string;
}

/** Where an SNS filter policy applies (the subscription's `FilterPolicyScope`). */
export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** "Filter policy constraints": at most five keys and 150 combinations; at most 256 KB of JSON. */
const MAX_KEYS = 5;
const MAX_COMBINATIONS = 150;
const MAX_POLICY_BYTES = 256 * 1024;

function fail(reason: string): never {
  throw new InvalidFilterPolicyError(reason);
}

/**
 * The keys counted against the five-key limit: top-level keys ("only the top-level keys are counted" for
 * payload policies; attribute policies are flat anyway), where the branches of a top-level `$or` contribute
 * their own top-level keys.
 */
function countKeys(policy: Record<string, unknown>): number {
  const names = new Set<string>();
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or' && Array.isArray(value)) {
      for (const name of value.filter(isPlainObject).flatMap((branch) => Object.keys(branch))) {
        names.add(name);
      }
    } else {
      names.add(key);
    }
  }
  return names.size;
}

/**
 * "The total combination of values must not exceed 150": the product of the lengths of the value arrays; for
 * payload policies each array is weighted by its nesting depth (the docs' example "3 x 4 x 2 x 3 = 72"), and
 * the branches of a `$or` add up.
 */
function combinations(policy: Record<string, unknown>, depth = 1, start = 1): number {
  let total = start;
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or' && Array.isArray(value)) {
      total = value
        .filter(isPlainObject)
        .reduce((sum, branch) => sum + combinations(branch, depth, total), 0);
    } else if (Array.isArray(value)) {
      total *= value.length * depth;
    } else if (isPlainObject(value)) {
      total = combinations(value, depth + 1, total);
    }
  }
  return total;
}

function parsePolicy(policy: unknown): unknown {
  if (typeof policy !== 'string') {
    return policy;
  }
  if (Buffer.byteLength(policy) > MAX_POLICY_BYTES) {
    fail('Filter policy is too large');
  }
  try {
    return JSON.parse(policy) as unknown;
  } catch {
    return fail('Filter policy must be valid JSON');
  }
}

/**
 * Throws `InvalidFilterPolicyError` when SNS would reject `policy` for `scope`: nested policies in the
 * MessageAttributes scope, more than five keys, more than 150 combinations, `wildcard` (EventBridge only), and
 * every malformed operator EventBridge also rejects. An empty object is valid: it is how a policy is cleared.
 */
export function validateFilterPolicy(policy: unknown, scope: FilterPolicyScope): void {
  const parsed = parsePolicy(policy);
  if (!isPlainObject(parsed)) {
    fail('Filter policy must be a JSON object');
  }
  if (Object.keys(parsed).length === 0) {
    return;
  }
  const walk: Walk = { dialect: SNS, nested: scope === 'MessageBody', fail };
  checkObject(parsed, 1, false, walk);
  if (countKeys(parsed) > MAX_KEYS) {
    fail(`Filter policy can not have more than ${MAX_KEYS} keys`);
  }
  if (combinations(parsed) > MAX_COMBINATIONS) {
    fail('Filter policy is too complex');
  }
}

/**
 * An attribute as a JSON value: `String` is a string, `Number` a number, `String.Array` the parsed array
 * ("each element in the array is treated as a separate" value). SNS ignores `Binary` attributes, so they are
 * absent for filtering.
 */
function attributeValue(attribute: { DataType: string; StringValue?: string }): unknown {
  const { DataType: type, StringValue: text } = attribute;
  if (text === undefined || type.startsWith('Binary')) {
    return undefined;
  }
  if (type.startsWith('Number') && !type.endsWith('.Array')) {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : text;
  }
  if (type.endsWith('.Array')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      return Array.isArray(parsed) ? parsed : text;
    } catch {
      return text;
    }
  }
  return text;
}

function attributesAsObject(message: FilterPolicyMessage): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(message.attributes)) {
    const value = attributeValue(attribute);
    if (value !== undefined) {
      object[name] = value;
    }
  }
  return object;
}

function bodyAsObject(body: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * True when the SNS `message` passes the subscription filter `policy` in `scope`. Every policy key must match
 * (AND), an attribute or property missing from the message fails its key unless the policy says
 * `exists: false`, and in the MessageBody scope a body that is not a JSON object never matches ("Filter
 * policies for the message body assume that the message payload is a well-formed JSON object").
 *
 * @example matchesFilterPolicy({ store: ['example_corp'] }, message, 'MessageAttributes');
 */
export function matchesFilterPolicy(
  policy: unknown,
  message: FilterPolicyMessage,
  scope: FilterPolicyScope,
): boolean {
  let parsed: unknown;
  try {
    parsed = parsePolicy(policy);
  } catch {
    return false;
  }
  if (!isPlainObject(parsed)) {
    return false;
  }
  const subject = scope === 'MessageBody' ? bodyAsObject(message.body) : attributesAsObject(message);
  if (subject === undefined) {
    return false;
  }
  return objectMatches(parsed, subject, SNS);
}
