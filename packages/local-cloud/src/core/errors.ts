/**
 * An error an emulated AWS API answers with. The gateway serialises it in the request's protocol: JSON
 * (`{ __type, message }` + `x-amzn-ErrorType`), query (XML `ErrorResponse`) or REST (JSON body).
 */
export class AwsApiError extends Error {
  constructor(
    readonly status: number,
    /** AWS error code, e.g. `ResourceNotFoundException`, `QueueDoesNotExist`, `ValidationException`. */
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. `x-amzn-query-error` for SQS. */
    readonly headers: Record<string, string> = {},
    /** Extra members of a JSON error body, e.g. Lambda's `Reason` and `Type` of a throttle. */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AwsApiError';
  }
}

/** Something in a template the local cloud cannot honour; collected and printed by name at start-up. */
export interface Unsupported {
  stack: string;
  logicalId: string;
  type: string;
  /** The property (or `*` for the whole resource) and why it is not honoured. */
  property: string;
  reason: string;
}
