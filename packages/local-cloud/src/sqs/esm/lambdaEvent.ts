import type { SQSMessageAttribute, SQSRecord } from 'aws-lambda';
import { md5OfMessageAttributes } from '../md5';
import { type StoredMessage, systemAttributes } from '../message';

/** One record of the event Lambda builds from an SQS message (camelCase attributes, as Lambda sends them). */
export function sqsRecord(message: StoredMessage, queueArn: string, region: string): SQSRecord {
  const md5 = md5OfMessageAttributes(message.attributes);
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle ?? '',
    body: message.body,
    attributes: systemAttributes(message) as unknown as SQSRecord['attributes'],
    messageAttributes: Object.fromEntries(
      Object.entries(message.attributes).map(([name, value]): [string, SQSMessageAttribute] => [
        name,
        {
          ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
          ...(value.BinaryValue !== undefined ? { binaryValue: value.BinaryValue } : {}),
          stringListValues: [],
          binaryListValues: [],
          dataType: value.DataType,
        },
      ]),
    ),
    md5OfBody: message.md5OfBody,
    ...(md5 ? { md5OfMessageAttributes: md5 } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}
