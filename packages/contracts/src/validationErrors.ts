import type { ErrorObject } from './validatorRuntime';

/** One reason a value failed its schema: `path` is a JSON Pointer into the value ("" is the value itself). */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

// Enums longer than this (currency codes) are not spelled out in a message.
const MAX_LISTED_VALUES = 10;

/**
 * Turns ajv errors into `{ path, message }` pairs for logs and problem+json responses: a missing or unexpected
 * property points at the property itself, and duplicates (from oneOf/anyOf branches) are dropped.
 *
 * @example validationErrors(validateCreateExpenseRequest.errors) // [{ path: '/amount/currency', message: 'is required' }]
 */
export function validationErrors(errors: readonly ErrorObject[] | null | undefined): ValidationIssue[] {
  const issues = new Map<string, ValidationIssue>();
  for (const error of errors ?? []) {
    const issue = toIssue(error);
    issues.set(`${issue.path}\u0000${issue.message}`, issue);
  }
  return [...issues.values()];
}

function toIssue(error: ErrorObject): ValidationIssue {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: child(error.instancePath, params.missingProperty), message: 'is required' };
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return {
        path: child(error.instancePath, params.additionalProperty ?? params.unevaluatedProperty),
        message: 'is not allowed',
      };
    case 'enum':
      return { path: error.instancePath, message: enumMessage(params.allowedValues) };
    default:
      return { path: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
  }
}

function child(path: string, property: unknown): string {
  return `${path}/${String(property).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

function enumMessage(allowed: unknown): string {
  if (!Array.isArray(allowed) || allowed.length > MAX_LISTED_VALUES)
    return 'must be one of the allowed values';
  return `must be one of: ${allowed.map((value) => JSON.stringify(value)).join(', ')}`;
}
