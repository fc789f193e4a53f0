import { STATUS_CODES } from 'node:http';
import { HttpProblemError, type ProblemExtras } from './HttpProblemError';
import type { ProblemDocument, ProblemFieldError, SchemaError } from './types';

/** An error translated into what the caller will see. */
export interface Problem {
  status: number;
  code: string;
  detail: string;
  extras?: ProblemExtras;
  headers?: Record<string, string>;
}

/** The shape of middy's `createError` errors (duck-typed: several copies of @middy/util may be bundled). */
interface MiddyHttpError extends Error {
  statusCode: number;
  expose: boolean;
  cause?: { package?: string; data?: unknown };
}

const isMiddyHttpError = (error: unknown): error is MiddyHttpError =>
  error instanceof Error &&
  typeof (error as Partial<MiddyHttpError>).statusCode === 'number' &&
  typeof (error as Partial<MiddyHttpError>).expose === 'boolean';

const problemBase = 'https://spendwise.dev/problems/';

/** The status line's reason phrase, used as the problem's title. */
const titleOf = (status: number): string => STATUS_CODES[status] ?? 'Error';

const codeOf = (status: number): string => {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  if (status >= 500) return 'INTERNAL_ERROR';
  const reason = STATUS_CODES[status];
  return reason ? reason.toUpperCase().replace(/[^A-Z0-9]+/g, '_') : 'BAD_REQUEST';
};

/** Points a violation at the offending property rather than at its parent object. */
const pathOf = (error: SchemaError): string => {
  const property = error.params?.additionalProperty ?? error.params?.missingProperty;
  return typeof property === 'string' ? `${error.instancePath}/${property}` : error.instancePath;
};

const toFieldErrors = (data: unknown): ProblemFieldError[] =>
  (Array.isArray(data) ? (data as SchemaError[]) : []).map((error) => ({
    path: pathOf(error),
    message: error.params?.additionalProperty ? 'is not allowed' : (error.message ?? 'is invalid'),
  }));

const fromMiddyError = (error: MiddyHttpError): Problem => {
  const { statusCode } = error;
  const source = error.cause?.package;
  if (source === '@middy/http-json-body-parser') {
    return statusCode === 415
      ? { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'The request body must be application/json' }
      : { status: 400, code: 'INVALID_JSON', detail: 'The request body is not valid JSON' };
  }
  if (source === '@middy/validator' && statusCode === 400) {
    const errors = toFieldErrors(error.cause?.data);
    return { status: 400, code: 'VALIDATION_FAILED', detail: 'The request is not valid', extras: { errors } };
  }
  return {
    status: statusCode,
    code: codeOf(statusCode),
    detail: error.expose ? error.message : titleOf(statusCode),
  };
};

/**
 * Translates anything thrown in an HTTP stack into a problem: HttpProblemError as thrown, middy errors by their
 * source and status, and everything else into a 500 that reveals nothing of the original message.
 *
 * @example
 * toProblem(new Error('connection reset')); // { status: 500, code: 'INTERNAL_ERROR', detail: 'An unexpected error occurred' }
 */
export const toProblem = (error: unknown): Problem => {
  if (error instanceof HttpProblemError) {
    const { status, code, detail, extras, headers } = error;
    return { status, code, detail, extras, headers };
  }
  if (isMiddyHttpError(error) && error.statusCode >= 400 && error.statusCode <= 599) {
    return fromMiddyError(error);
  }
  return { status: 500, code: 'INTERNAL_ERROR', detail: 'An unexpected error occurred' };
};

/**
 * Renders a problem as an `application/problem+json` document.
 *
 * @example
 * toProblemDocument({ status: 404, code: 'EXPENSE_NOT_FOUND', detail: 'No such expense' }, requestId);
 */
export const toProblemDocument = (problem: Problem, instance: string): ProblemDocument => ({
  ...problem.extras,
  type: `${problemBase}${problem.code.toLowerCase().replaceAll('_', '-')}`,
  title: titleOf(problem.status),
  status: problem.status,
  code: problem.code,
  detail: problem.detail,
  instance,
});
