import { parseArn } from '../../core/arn';
import type { LocalCloud } from '../../core/context';
import type { MessageAttributeValue } from '../../core/ports';

/** Why an asynchronous event reached a destination. */
export type InvocationCondition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

/** Raised for a destination ARN of a service Lambda cannot deliver to locally. */
export class UnsupportedDestinationError extends Error {
  constructor(readonly destination: string) {
    super(`destination ${destination} is not an SQS queue, SNS topic, Lambda function or EventBridge bus`);
    this.name = 'UnsupportedDestinationError';
  }
}

export interface InvocationRecordInput {
  requestId: string;
  functionArn: string;
  condition: InvocationCondition;
  approximateInvokeCount: number;
  requestPayload: unknown;
  /** The last attempt's response: the result, or Lambda's serialised error. */
  responsePayload?: unknown;
  functionError: boolean;
}

/** The invocation record Lambda sends to an asynchronous invocation's destination (version 1.0). */
export function invocationRecord(input: InvocationRecordInput) {
  return {
    version: '1.0',
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId: input.requestId,
      functionArn: `${input.functionArn}:$LATEST`,
      condition: input.condition,
      approximateInvokeCount: input.approximateInvokeCount,
    },
    requestPayload: input.requestPayload,
    responseContext: {
      statusCode: 200,
      executedVersion: '$LATEST',
      ...(input.functionError ? { functionError: 'Unhandled' } : {}),
    },
    responsePayload: input.responsePayload,
  };
}

/** Sends an invocation record to an on-success or on-failure destination, through the peer engine. */
export async function sendToDestination(
  ctx: LocalCloud,
  destination: string,
  record: ReturnType<typeof invocationRecord>,
): Promise<void> {
  const body = JSON.stringify(record);
  const service = parseArn(destination)?.service;
  if (service === 'sqs') await ctx.sqs.send(destination, { body });
  else if (service === 'sns') await ctx.sns.publish(destination, { message: body });
  else if (service === 'lambda') await ctx.lambda.invoke(destination, record, { async: true });
  else if (service === 'events') await putToBus(ctx, destination, record);
  else throw new UnsupportedDestinationError(destination);
}

async function putToBus(ctx: LocalCloud, busArn: string, record: ReturnType<typeof invocationRecord>) {
  const result = record.requestContext.condition === 'Success' ? 'Success' : 'Failure';
  const response = await ctx.events.putEvents([
    {
      Source: 'lambda',
      DetailType: `Lambda Function Invocation Result - ${result}`,
      Detail: JSON.stringify(record),
      EventBusName: busArn,
      Resources: [record.requestContext.functionArn, busArn],
    },
  ]);
  if (response.FailedEntryCount > 0)
    throw new Error(`PutEvents to ${busArn} failed: ${JSON.stringify(response.Entries)}`);
}

/**
 * Sends a discarded event to a dead-letter queue or topic as Lambda does: the event as is, with the request
 * id, the status code and the error message (first 1 KB) as message attributes.
 */
export async function sendToDeadLetter(
  ctx: LocalCloud,
  target: string,
  event: { payloadJson: string; requestId: string; errorMessage: string },
): Promise<void> {
  const attributes: Record<string, MessageAttributeValue> = {
    RequestID: { DataType: 'String', StringValue: event.requestId },
    ErrorCode: { DataType: 'Number', StringValue: '200' },
    ErrorMessage: { DataType: 'String', StringValue: event.errorMessage.slice(0, 1024) },
  };
  if (parseArn(target)?.service === 'sns')
    await ctx.sns.publish(target, { message: event.payloadJson, attributes });
  else await ctx.sqs.send(target, { body: event.payloadJson, attributes });
}
