/** Readers of the loosely typed values of resolved CloudFormation properties and policy documents. */

/** The object itself, or `{}` for anything that is not a plain object. */
export const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** An array as is, a single value as a one-element array, nothing as `[]` (IAM's `Action: "x"` or `["x"]`). */
export const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** A non-empty string, or undefined. */
export const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
