import { type ValidationIssue, validationErrors } from './validationErrors';
import type { ErrorObject } from './validatorRuntime';

/** Why an event was refused; a consumer treats every reason as a poison message. */
export type InvalidEventReason =
  | 'malformed'
  | 'unknown-detail-type'
  | 'not-accepted'
  | 'unknown-version'
  | 'source-mismatch'
  | 'schema';

/** What is known about a refused event. */
export interface InvalidEventDetails {
  readonly reason: InvalidEventReason;
  readonly detailType?: string;
  readonly version?: number;
  readonly eventId?: string;
  /** Raw ajv errors when the detail failed its schema. */
  readonly errors?: readonly ErrorObject[];
  readonly cause?: unknown;
}

/** An event that is not a valid instance of a known event schema version: never retried, never sent. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
  readonly reason: InvalidEventReason;
  readonly detailType: string | undefined;
  readonly version: number | undefined;
  readonly eventId: string | undefined;
  readonly errors: readonly ErrorObject[];
  /** The ajv errors as `{ path, message }`. */
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, details: InvalidEventDetails) {
    const issues = validationErrors(details.errors);
    const listed = issues.map((issue) => `${issue.path || '/'} ${issue.message}`).join('; ');
    super(listed ? `${message}: ${listed}` : message, { cause: details.cause });
    this.reason = details.reason;
    this.detailType = details.detailType;
    this.version = details.version;
    this.eventId = details.eventId;
    this.errors = details.errors ?? [];
    this.issues = issues;
  }
}

/** A single event whose PutEvents entry exceeds the 256 KB request limit: it can never be sent. */
export class EventTooLargeError extends Error {
  override readonly name = 'EventTooLargeError';

  constructor(
    readonly eventId: string,
    readonly detailType: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`${detailType} event ${eventId} is ${size} bytes as a PutEvents entry; the limit is ${limit}`);
  }
}

/** An event that EventBridge did not accept, with the last error code it gave. */
export interface PublishFailure {
  readonly eventId: string;
  readonly detailType: string;
  readonly errorCode: string;
  readonly errorMessage?: string;
}

/** Some events were still not accepted after the last attempt; the others were published. */
export class EventPublishError extends Error {
  override readonly name = 'EventPublishError';

  constructor(
    readonly failures: readonly PublishFailure[],
    readonly published: number,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    const listed = failures.map((failure) => `${failure.eventId} (${failure.errorCode})`).join(', ');
    super(`${failures.length} event(s) not published after ${attempts} attempt(s): ${listed}`, options);
  }
}
