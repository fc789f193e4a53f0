import type { ProblemFieldError } from './types';

/** Extension members rendered into the problem document next to the standard ones (RFC 9457 §3.2). */
export interface ProblemExtras {
  /** Field-level violations. */
  errors?: ProblemFieldError[];
  [member: string]: unknown;
}

export interface HttpProblemOptions {
  /** Headers to add to the error response (e.g. `retry-after`, `etag`). */
  headers?: Record<string, string>;
  /** The underlying error, kept for logs and never rendered. */
  cause?: unknown;
}

/**
 * An error a use case (or a kit middleware) throws to answer with a specific problem: its status, a stable
 * machine-readable `code` (SCREAMING_SNAKE_CASE), a `detail` safe to show to the caller, and optional extension
 * members.
 *
 * @example
 * throw new HttpProblemError(412, 'VERSION_MISMATCH', 'The expense changed since you read it', { currentVersion: 4 });
 */
export class HttpProblemError extends Error {
  readonly status: number;
  readonly statusCode: number;
  readonly code: string;
  readonly detail: string;
  readonly extras: ProblemExtras;
  readonly headers?: Record<string, string>;

  constructor(
    status: number,
    code: string,
    detail: string,
    extras: ProblemExtras = {},
    options: HttpProblemOptions = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'HttpProblemError';
    this.status = status;
    this.statusCode = status;
    this.code = code;
    this.detail = detail;
    this.extras = extras;
    this.headers = options.headers;
  }
}

/**
 * 400 with field errors.
 *
 * @example
 * throw badRequest('INVALID_MONTH', 'month must not be in the future', [{ path: '/query/month', message: 'is in the future' }]);
 */
export const badRequest = (code: string, detail: string, errors?: ProblemFieldError[]): HttpProblemError =>
  new HttpProblemError(400, code, detail, errors ? { errors } : {});

/**
 * 404: also the answer for another user's object, so that its existence does not leak.
 *
 * @example
 * throw notFound('EXPENSE_NOT_FOUND', `No expense ${id}`);
 */
export const notFound = (code: string, detail: string): HttpProblemError =>
  new HttpProblemError(404, code, detail);

/**
 * 409: the request conflicts with the current state.
 *
 * @example
 * throw conflict('CATEGORY_EXISTS', 'A category with this name exists');
 */
export const conflict = (code: string, detail: string, extras?: ProblemExtras): HttpProblemError =>
  new HttpProblemError(409, code, detail, extras);

/**
 * 412: an `if-match` precondition did not hold.
 *
 * @example
 * throw preconditionFailed('VERSION_MISMATCH', 'The expense has changed', { currentVersion: 7 });
 */
export const preconditionFailed = (code: string, detail: string, extras?: ProblemExtras): HttpProblemError =>
  new HttpProblemError(412, code, detail, extras);
