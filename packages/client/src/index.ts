export * from './client';
export { type LogicalRequest, logicalRequest, newIdempotencyKey } from './idempotency';
export { type FieldError, type ProblemDocument, ProblemError, problemOf } from './problem';
