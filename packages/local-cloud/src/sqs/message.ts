import { randomBytes } from 'node:crypto';
import type { MessageAttributeValue } from '../core/ports';
import { invalidParameter, sqsError } from './errors';

/** A message as a queue holds it. Times are epoch milliseconds. */
export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  attributes: Record<string, MessageAttributeValue>;
  /** When it entered its first queue: retention counts from here, even in a DLQ (as SQS documents). */
  sentAt: number;
  senderId: string;
  /** Hidden by DelaySeconds until then. */
  delayedUntil: number;
  /** Hidden by a receive's visibility timeout until then. */
  invisibleUntil: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** The handle of the latest receive. */
  receiptHandle?: string;
  /** Set when the message was moved to a dead-letter queue; where a redrive sends it back. */
  deadLetterSourceArn?: string;
  traceHeader?: string;
}

/** System attribute names ReceiveMessage may ask for (SequenceNumber & co. exist only on FIFO queues). */
export const SYSTEM_ATTRIBUTES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
] as const;

/** The system attributes of a message, as ReceiveMessage and the Lambda event render them. */
export function systemAttributes(message: StoredMessage): Record<string, string> {
  const out: Record<string, string> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
  };
  if (message.traceHeader) out.AWSTraceHeader = message.traceHeader;
  if (message.deadLetterSourceArn) out.DeadLetterQueueSourceArn = message.deadLetterSourceArn;
  return out;
}

/** Picks the requested names (`All`, `.*`, exact names, or `prefix.*`) out of a record. */
export function selectByName<T>(
  record: Record<string, T>,
  names: readonly string[] | undefined,
): Record<string, T> {
  if (!names || names.length === 0) return {};
  const wanted = (name: string) =>
    names.some(
      (n) => n === 'All' || n === '.*' || n === name || (n.endsWith('.*') && name.startsWith(n.slice(0, -1))),
    );
  return Object.fromEntries(Object.entries(record).filter(([name]) => wanted(name)));
}

/**
 * A receipt handle names the message and the receive it came from, so a handle of an earlier receive is
 * recognisable as such. Opaque to callers, like SQS's.
 */
export function newReceiptHandle(queueName: string, messageId: string, receiveCount: number): string {
  const nonce = randomBytes(12).toString('base64url');
  return Buffer.from(JSON.stringify([queueName, messageId, receiveCount, nonce])).toString('base64url');
}

/** The message id a receipt handle refers to; throws ReceiptHandleIsInvalid for anything that is not one. */
export function messageIdOfHandle(handle: string | undefined, queueName: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(handle ?? '', 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed[0] === queueName && typeof parsed[1] === 'string') return parsed[1];
  } catch {
    // falls through to the SQS error below
  }
  throw sqsError(
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
  );
}

// The characters SQS accepts in a body: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.
const INVALID_BODY_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Validates a body and its attributes against SQS's rules and size limit; returns the size in bytes. */
export function validateMessage(
  body: unknown,
  attributes: Record<string, MessageAttributeValue> | undefined,
  maximumSize: number,
): number {
  if (typeof body !== 'string' || body.length === 0) {
    throw sqsError('MissingParameter', 'The request must contain the parameter MessageBody.');
  }
  if (INVALID_BODY_CHARACTER.test(body)) {
    throw sqsError('InvalidMessageContents', 'Invalid characters found in the message body.');
  }
  const size = Buffer.byteLength(body, 'utf8') + validateAttributes(attributes ?? {});
  if (size > maximumSize) {
    throw invalidParameter(
      `One or more parameters are invalid. Reason: Message must be shorter than ${maximumSize} bytes.`,
    );
  }
  return size;
}

// "Alphanumeric" in SQS's rules includes non-ASCII letters (AWS accepts `öther_encodings`).
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[\p{L}\p{N}_.-]{1,256}$/u;
const DATA_TYPE = /^(String|Number|Binary)(\.[A-Za-z0-9_.-]+)?$/;

function validateAttributes(attributes: Record<string, MessageAttributeValue>): number {
  const entries = Object.entries(attributes);
  if (entries.length > 10) {
    throw invalidParameter(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [10].`,
    );
  }
  let size = 0;
  for (const [name, value] of entries) {
    if (!ATTRIBUTE_NAME.test(name) || /^(aws\.|amazon\.)/i.test(name)) {
      throw invalidParameter(`Message attribute name '${name}' is invalid.`);
    }
    const type = value?.DataType ?? '';
    if (!DATA_TYPE.test(type)) throw invalidParameter(`The message attribute '${name}' has an invalid type.`);
    const isBinary = type.startsWith('Binary');
    const data = isBinary ? value.BinaryValue : value.StringValue;
    if (data === undefined || data === '') {
      throw invalidParameter(
        `The message attribute '${name}' must contain a non-empty value of type '${type}'.`,
      );
    }
    if (type.startsWith('Number') && !Number.isFinite(Number(data))) {
      throw invalidParameter(`Can't convert '${data}' to a number for message attribute '${name}'.`);
    }
    size +=
      Buffer.byteLength(name) +
      Buffer.byteLength(type) +
      (isBinary ? Buffer.from(data, 'base64').length : Buffer.byteLength(data));
  }
  return size;
}
