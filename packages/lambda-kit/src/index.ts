/**
 * Everything of @spendwise/lambda-kit in one place. Functions should import the subpath they use instead
 * (`@spendwise/lambda-kit/http`, `/sqs`, `/env`, `/observability`), so that an HTTP bundle never carries the
 * idempotency stack and vice versa.
 */
export * from './env';
export * from './http';
export * from './observability';
export * from './sqs';
