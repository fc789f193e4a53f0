import type { MessageAttributeValue } from '../core/ports';
import { invalidParameter } from './errors';

/** What a publisher hands to a topic (the Publish API's parameters, decoded). */
export interface PublishInput {
  topicArn: string;
  message: string;
  subject?: string;
  attributes?: Record<string, MessageAttributeValue>;
  /** `json`: `message` is a JSON object of per-protocol messages with a required `default`. */
  messageStructure?: string;
}

const MAX_SIZE = 256 * 1024;

function checkSubject(subject: string): void {
  if (subject.length === 0 || subject.length > 100 || !/^[\x20-\x7E]+$/.test(subject))
    throw invalidParameter('Subject');
}

function checkAttribute(name: string, value: MessageAttributeValue): void {
  const type = value.DataType.split('.')[0];
  const where = `MessageAttributes: Message attribute '${name}'`;
  if (type === 'Binary') {
    if (value.BinaryValue === undefined) throw invalidParameter(`${where} must contain a non-empty value`);
    return;
  }
  if (type !== 'String' && type !== 'Number')
    throw invalidParameter(`${where} has an invalid message attribute type`);
  if (value.StringValue === undefined || value.StringValue === '')
    throw invalidParameter(`${where} must contain non-empty message attribute value`);
  if (type === 'Number' && !Number.isFinite(Number(value.StringValue)))
    throw invalidParameter(`${where} has invalid value ${value.StringValue} for type Number`);
  if (value.DataType === 'String.Array' && !Array.isArray(safeJson(value.StringValue)))
    throw invalidParameter(`${where} has an invalid value for message attribute type String.Array`);
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Splits a MessageStructure=json message into its per-protocol messages. */
function perProtocolMessages(message: string): Record<string, string> {
  const parsed = safeJson(message);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (!entries.some(([key]) => key === 'default'))
    throw invalidParameter('Message Structure - No default entry in JSON message body');
  if (entries.some(([, value]) => typeof value !== 'string'))
    throw invalidParameter('Message Structure - every entry must be a string');
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Validates a publish as SNS does; returns the per-protocol messages when MessageStructure=json. */
export function validatePublish(input: PublishInput): Record<string, string> | undefined {
  if (!input.message) throw invalidParameter('Empty message');
  if (input.subject !== undefined) checkSubject(input.subject);
  const attributes = input.attributes ?? {};
  for (const [name, value] of Object.entries(attributes)) checkAttribute(name, value);
  const attributeBytes = Object.entries(attributes).reduce(
    (sum, [name, v]) => sum + name.length + v.DataType.length + (v.StringValue ?? v.BinaryValue ?? '').length,
    0,
  );
  if (Buffer.byteLength(input.message) + attributeBytes > MAX_SIZE)
    throw invalidParameter('Message too long');
  if (input.messageStructure === undefined || input.messageStructure === '') return undefined;
  if (input.messageStructure !== 'json') throw invalidParameter('MessageStructure');
  return perProtocolMessages(input.message);
}
