/**
 * Errors of the report workflow. The model errors' `name` is what the state machine's Retry and Catch match on
 * (a Lambda error's type is its `name`), so those names are part of reportWorkflow.yml's contract.
 */

/** The model refused the call for capacity (throttling, service unavailable): retried with backoff. */
export class ModelThrottledError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ModelThrottled';
  }
}

/** The model did not answer in time: retried with backoff. */
export class ModelTimeoutError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ModelTimeout';
  }
}

/** Any other model failure (access, validation, server error): not retried; the fallback writes the report. */
export class ModelUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ModelUnavailable';
  }
}

/** The model answered, but not with a valid submit_report call: the fallback writes the report. */
export class ModelAnswerInvalidError extends Error {
  constructor(readonly problems: string[]) {
    super(`The model's answer is invalid: ${problems.slice(0, 5).join('; ')}`);
    this.name = 'ModelAnswerInvalid';
  }
}

/** A month that is not YYYY-MM or lies in the future. */
export class InvalidReportMonthError extends Error {
  constructor(readonly month: string) {
    super(`Month ${month} lies in the future`);
    this.name = 'InvalidReportMonthError';
  }
}

/** The report does not exist or belongs to someone else (both look the same from outside). */
export class ReportNotFoundError extends Error {
  constructor(readonly reportId: string) {
    super(`No report ${reportId}`);
    this.name = 'ReportNotFoundError';
  }
}
