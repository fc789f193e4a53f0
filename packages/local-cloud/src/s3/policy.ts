import { invalidPolicy, policyRefusal, S3Error } from './errors';

/** A decoded POST policy: when it expires and what every upload it signs must satisfy. */
export interface PostPolicy {
  expiration: Date;
  conditions: PolicyCondition[];
}

export type PolicyCondition =
  | { kind: 'eq' | 'starts-with'; field: string; value: string; text: string }
  | { kind: 'content-length-range'; min: number; max: number; text: string };

/** Form fields S3 never asks the policy about (AWS docs, "Creating a POST policy"). */
const UNCHECKED_FIELDS = new Set(['policy', 'x-amz-signature', 'file']);

/**
 * Decodes the base64 `policy` field.
 *
 * @throws S3Error 400 InvalidPolicyDocument as S3 words it
 */
export function parsePolicy(encoded: string): PostPolicy {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    throw invalidPolicy('Invalid JSON.');
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw invalidPolicy('Invalid JSON.');
  const { expiration, conditions } = document as { expiration?: unknown; conditions?: unknown };
  if (expiration === undefined) throw invalidPolicy('Policy missing expiration.');
  const expiry = typeof expiration === 'string' ? new Date(expiration) : new Date(Number.NaN);
  if (Number.isNaN(expiry.getTime()))
    throw invalidPolicy(`Invalid 'expiration' value: '${String(expiration)}'`);
  if (conditions === undefined) throw invalidPolicy('Policy missing conditions.');
  if (!Array.isArray(conditions)) throw invalidPolicy('conditions must be a list.');
  return { expiration: expiry, conditions: conditions.flatMap(parseCondition) };
}

const quote = (value: unknown) => JSON.stringify(value);

function parseCondition(condition: unknown): PolicyCondition[] {
  if (Array.isArray(condition)) {
    const [operator, field, value] = condition as unknown[];
    const op = String(operator).toLowerCase();
    if (op === 'content-length-range') {
      const min = Number(field);
      const max = Number(value);
      if (condition.length !== 3 || !Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min)
        throw invalidPolicy(`Invalid content-length-range: ${quote(condition)}`);
      return [{ kind: 'content-length-range', min, max, text: `["content-length-range", ${min}, ${max}]` }];
    }
    if ((op !== 'eq' && op !== 'starts-with') || condition.length !== 3)
      throw invalidPolicy(`Invalid Condition: ${quote(condition)}`);
    if (typeof field !== 'string' || !field.startsWith('$') || typeof value !== 'string')
      throw invalidPolicy(`Invalid Condition: ${quote(condition)}`);
    return [
      {
        kind: op,
        field: field.slice(1).toLowerCase(),
        value,
        text: `[${quote(op)}, ${quote(field)}, ${quote(value)}]`,
      },
    ];
  }
  if (typeof condition === 'object' && condition !== null) {
    const entries = Object.entries(condition);
    if (entries.length !== 1) throw invalidPolicy(`Invalid Simple-Condition: ${quote(condition)}`);
    return entries.map(([field, value]) => {
      if (typeof value !== 'string') throw invalidPolicy(`Invalid Simple-Condition: ${quote(condition)}`);
      return {
        kind: 'eq',
        field: field.toLowerCase(),
        value,
        text: `["eq", ${quote(`$${field}`)}, ${quote(value)}]`,
      };
    });
  }
  throw invalidPolicy(`Invalid Condition: ${quote(condition)}`);
}

/**
 * Checks an upload's form fields (lower-cased names; `bucket` is the bucket of the URL) against the policy as S3
 * does, before the file is read: expiry, every condition, and no field the policy does not mention. Returns the
 * size range the file must fall in (`content-length-range`), which only the file itself can be checked against.
 *
 * @throws S3Error 403 AccessDenied "Invalid according to Policy: …"
 */
export function checkPolicy(
  policy: PostPolicy,
  fields: ReadonlyMap<string, string>,
  now: Date,
): { min: number; max: number } | undefined {
  if (now.getTime() > policy.expiration.getTime()) throw policyRefusal('Policy expired.');
  let range: { min: number; max: number } | undefined;
  for (const condition of policy.conditions) {
    if (condition.kind === 'content-length-range') {
      range = { min: condition.min, max: condition.max };
      continue;
    }
    const given = fields.get(condition.field);
    if (given === undefined || !satisfies(condition, given))
      throw policyRefusal(`Policy Condition failed: ${condition.text}`);
  }
  const mentioned = new Set(
    policy.conditions.flatMap((condition) =>
      condition.kind === 'content-length-range' ? [] : [condition.field],
    ),
  );
  const extra = [...fields.keys()].filter(
    (name) =>
      name !== 'bucket' &&
      !UNCHECKED_FIELDS.has(name) &&
      !name.startsWith('x-ignore-') &&
      !mentioned.has(name),
  );
  if (extra.length > 0) throw policyRefusal(`Extra input fields: ${extra.join(', ')}`);
  return range;
}

function satisfies(condition: { kind: 'eq' | 'starts-with'; field: string; value: string }, given: string) {
  if (condition.kind === 'eq') return given === condition.value;
  // S3 reads a Content-Type starts-with against each of a comma-separated list of types.
  if (condition.field === 'content-type')
    return given.split(',').every((part) => part.trim().startsWith(condition.value));
  return given.startsWith(condition.value);
}

/** The size refusals S3 answers once the file is read (400, with the sizes). */
export function checkSize(size: number, range: { min: number; max: number } | undefined): void {
  if (!range) return;
  if (size > range.max)
    throw new S3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', {
      ProposedSize: size,
      MaxSizeAllowed: range.max,
    });
  if (size < range.min)
    throw new S3Error(
      400,
      'EntityTooSmall',
      'Your proposed upload is smaller than the minimum allowed size',
      {
        ProposedSize: size,
        MinSizeAllowed: range.min,
      },
    );
}
