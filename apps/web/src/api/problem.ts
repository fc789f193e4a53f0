/** A field the API refused, as problem+json's `errors` lists it (`/body/amount/minorUnits`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * An API answer that is not a success, as problem+json (RFC 9457) with Spendwise's machine-readable `code`;
 * a network failure is status 0, code NETWORK_ERROR.
 */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    readonly body: Record<string, unknown> = {},
    readonly headers: Headers = new Headers(),
  ) {
    super(detail);
  }

  /** Field problems keyed by the field's name under the body (`amount.minorUnits` → `amount`). */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const { path, message } of this.errors) {
      const field = path
        .replace(/^\/(body|query|path|queryStringParameters|pathParameters)\/?/, '')
        .split('/')[0];
      if (field && !byField[field]) byField[field] = message;
    }
    return byField;
  }
}

/** Plain words for the problems a person can meet; the API's own detail otherwise. */
export function explain(error: unknown): string {
  if (!(error instanceof ApiProblem)) return error instanceof Error ? error.message : String(error);
  switch (error.code) {
    case 'NETWORK_ERROR':
      return 'Spendwise cannot be reached. Check your connection and try again.';
    case 'UNAUTHENTICATED':
      return 'Your session has ended. Please sign in again.';
    case 'VALIDATION_FAILED':
      return 'Some fields need a look.';
    case 'VERSION_MISMATCH':
      return 'Someone changed this in the meantime.';
    case 'FORBIDDEN':
      return 'You are not allowed to do this.';
    case 'TOO_MANY_REQUESTS':
      return 'Too many requests for now. Wait a moment and try again.';
    default:
      return error.status >= 500 && error.code === 'INTERNAL_ERROR'
        ? 'Something went wrong on our side. Please try again.'
        : error.detail;
  }
}
