/**
 * A task failure as Step Functions names it. `aws-local-stepfunctions` matches Retry/Catch `ErrorEquals` on
 * `error.name` and reports `error.message` as the Cause, so the name is the States error (e.g. the function's
 * errorType, `Lambda.ResourceNotFoundException`, `Bedrock.ThrottlingException`) and the message is the Cause.
 */
export class TaskFailedError extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/** Wraps a service error (AwsApiError or SDK exception) as `<Prefix>.<code>`, as optimized integrations do. */
export function serviceTaskError(prefix: string, error: unknown): TaskFailedError {
  if (error instanceof TaskFailedError) return error;
  const failure = error as { code?: unknown; name?: unknown; message?: unknown };
  const code = typeof failure.code === 'string' ? failure.code : String(failure.name ?? 'Error');
  return new TaskFailedError(`${prefix}.${code}`, String(failure.message ?? error));
}
