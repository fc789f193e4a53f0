/**
 * Thrown for an event pattern EventBridge would reject (PutRule answers `InvalidEventPatternException`
 * with "Event pattern is not valid. Reason: …"); also used for Lambda FilterCriteria patterns.
 */
export class InvalidEventPatternError extends Error {
  /** The reason alone, without the AWS prefix. */
  readonly reason: string;

  constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.name = 'InvalidEventPatternError';
    this.reason = reason;
  }
}

/** Thrown for a subscription filter policy SNS would reject ("Invalid parameter: FilterPolicy: …"). */
export class InvalidFilterPolicyError extends Error {
  /** The reason alone, without the AWS prefix. */
  readonly reason: string;

  constructor(reason: string) {
    super(`Invalid parameter: FilterPolicy: ${reason}`);
    this.name = 'InvalidFilterPolicyError';
    this.reason = reason;
  }
}
