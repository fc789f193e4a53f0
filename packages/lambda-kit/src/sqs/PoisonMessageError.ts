/**
 * A record that cannot be turned into a domain event (bad JSON, unknown type, schema violation). It is reported
 * as a batch item failure like any other, so SQS moves it to the DLQ once maxReceiveCount is reached.
 */
export class PoisonMessageError extends Error {
  readonly status = 422;
  readonly messageId: string;

  constructor(messageId: string, cause: unknown) {
    super(`SQS message ${messageId} is not a valid domain event`, { cause });
    this.name = 'PoisonMessageError';
    this.messageId = messageId;
  }
}
