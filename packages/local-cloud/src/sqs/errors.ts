import { AwsApiError } from '../core/errors';

/**
 * SQS error names with the legacy query code and HTTP status SQS answers with. The SDK (awsQueryCompatible)
 * reads the name from `__type` and the query code from the `x-amzn-query-error` header.
 */
const ERRORS = {
  BatchEntryIdsNotDistinct: ['AWS.SimpleQueueService.BatchEntryIdsNotDistinct', 400],
  BatchRequestTooLong: ['AWS.SimpleQueueService.BatchRequestTooLong', 400],
  EmptyBatchRequest: ['AWS.SimpleQueueService.EmptyBatchRequest', 400],
  InvalidAttributeName: ['InvalidAttributeName', 400],
  InvalidAttributeValue: ['InvalidAttributeValue', 400],
  InvalidBatchEntryId: ['AWS.SimpleQueueService.InvalidBatchEntryId', 400],
  InvalidMessageContents: ['InvalidMessageContents', 400],
  InvalidParameterValue: ['InvalidParameterValue', 400],
  MissingParameter: ['MissingParameter', 400],
  MessageNotInflight: ['AWS.SimpleQueueService.MessageNotInflight', 400],
  QueueDoesNotExist: ['AWS.SimpleQueueService.NonExistentQueue', 400],
  QueueNameExists: ['QueueAlreadyExists', 400],
  ReceiptHandleIsInvalid: ['ReceiptHandleIsInvalid', 404],
  ResourceNotFoundException: ['ResourceNotFoundException', 404],
  TooManyEntriesInBatchRequest: ['AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 400],
  UnsupportedOperation: ['AWS.SimpleQueueService.UnsupportedOperation', 400],
} as const satisfies Record<string, readonly [string, number]>;

export type SqsErrorName = keyof typeof ERRORS;

/** Builds the AwsApiError SQS answers with, so the SDK maps it to its modelled exception class. */
export function sqsError(name: SqsErrorName, message: string): AwsApiError {
  const [queryCode, status] = ERRORS[name];
  return new AwsApiError(status, `com.amazonaws.sqs#${name}`, message, {
    'x-amzn-query-error': `${queryCode};Sender`,
  });
}

/** The short error name of an SQS AwsApiError (`QueueDoesNotExist`), for batch result entries. */
export const errorName = (error: AwsApiError): string => error.code.replace(/^.*#/, '');

export const queueDoesNotExist = () => sqsError('QueueDoesNotExist', 'The specified queue does not exist.');

export const invalidParameter = (message: string) => sqsError('InvalidParameterValue', message);

export const missingParameter = (name: string) =>
  sqsError('MissingParameter', `The request must contain the parameter ${name}.`);
