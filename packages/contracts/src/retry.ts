// Entry error codes AWS documents as permanent for PutEvents: sending the same entry again fails again.
const PERMANENT_ENTRY_ERRORS = new Set([
  'AccessDeniedException',
  'InvalidAccountIdException',
  'InvalidArgument',
  'MalformedDetail',
  'NotAuthorizedForDetailTypeException',
  'NotAuthorizedForSourceException',
  'RedactionFailure',
]);

const RETRYABLE_CALL_ERRORS = new Set([
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'LimitExceededException',
  'InternalException',
  'InternalFailure',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

/** True when an entry that failed with `errorCode` may succeed if sent again (throttling, internal failure). */
export function isRetryableEntryError(errorCode: string): boolean {
  return !PERMANENT_ENTRY_ERRORS.has(errorCode);
}

/** True when a whole PutEvents call failed for a reason that may pass: throttling, a 5xx or a network error. */
export function isRetryableCallError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, $retryable, $fault, $metadata } = error as {
    name?: unknown;
    code?: unknown;
    $retryable?: unknown;
    $fault?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  const status = typeof $metadata?.httpStatusCode === 'number' ? $metadata.httpStatusCode : 0;
  return (
    Boolean($retryable) ||
    $fault === 'server' ||
    status === 429 ||
    status >= 500 ||
    RETRYABLE_CALL_ERRORS.has(String(name)) ||
    RETRYABLE_CALL_ERRORS.has(String(code))
  );
}

/**
 * Exponential backoff with full jitter: a delay drawn uniformly from [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))),
 * so clients that failed together do not retry together. `retry` counts from 1.
 */
export function fullJitterDelay(
  retry: number,
  options: { baseDelayMs: number; maxDelayMs: number; random: () => number },
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(options.random() * ceiling);
}
