import type { HttpEvent } from './types';

/** Letters, digits and `._:-`, at most 128 characters: safe to log and to echo in a header. */
const safeCorrelationId = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's correlation id: the caller's `x-correlation-id` when it is safe to echo, else the API Gateway
 * request id. Pure, so the error handler can compute it even when an earlier middleware threw.
 *
 * @example
 * correlationIdOf(event); // 'c0ffee-42' or event.requestContext.requestId
 */
export const correlationIdOf = (event: HttpEvent): string => {
  const supplied = event.headers?.['x-correlation-id'];
  if (supplied !== undefined && safeCorrelationId.test(supplied)) {
    return supplied;
  }
  return event.requestContext?.requestId ?? 'unknown';
};
