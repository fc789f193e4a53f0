import type { AwsApiError } from '../../core/errors';
import type { MessageAttributeValue } from '../../core/ports';
import { errorName, invalidParameter, sqsError } from '../errors';
import { md5OfMessageAttributes } from '../md5';
import { type StoredMessage, selectByName, systemAttributes } from '../message';
import { receiveMessages, type SendInput, sendMessage } from '../messaging';
import type { SqsQueue } from '../queue';
import type { QueueRegistry } from '../registry';
import {
  type ActionHandler,
  batchEntries,
  type Input,
  optionalInteger,
  requiredString,
  stringList,
} from './input';

function messageAttributes(value: unknown): Record<string, MessageAttributeValue> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') throw invalidParameter('MessageAttributes must be a map.');
  const out: Record<string, MessageAttributeValue> = {};
  for (const [name, raw] of Object.entries(value as Record<string, Record<string, unknown>>)) {
    if (raw?.StringListValues || raw?.BinaryListValues) {
      throw invalidParameter(
        `Message attribute list values in '${name}' are not supported (reserved by SQS).`,
      );
    }
    out[name] = {
      DataType: String(raw?.DataType ?? ''),
      ...(typeof raw?.StringValue === 'string' ? { StringValue: raw.StringValue } : {}),
      ...(typeof raw?.BinaryValue === 'string' ? { BinaryValue: raw.BinaryValue } : {}),
    };
  }
  return out;
}

function sendInput(input: Input): SendInput & { systemAttributes?: Record<string, MessageAttributeValue> } {
  if (input.MessageDeduplicationId !== undefined) {
    throw invalidParameter(
      'The request includes a parameter that is not valid for this queue type (MessageDeduplicationId).',
    );
  }
  const system = messageAttributes(input.MessageSystemAttributes);
  const trace = system?.AWSTraceHeader?.StringValue;
  const attributes = messageAttributes(input.MessageAttributes);
  const delaySeconds = optionalInteger(input, 'DelaySeconds', 0, 900);
  return {
    body: input.MessageBody,
    ...(attributes ? { attributes } : {}),
    ...(delaySeconds !== undefined ? { delaySeconds } : {}),
    ...(trace ? { traceHeader: trace, systemAttributes: { AWSTraceHeader: system!.AWSTraceHeader! } } : {}),
  };
}

function send(registry: QueueRegistry, queue: SqsQueue, input: Input) {
  const parsed = sendInput(input);
  const result = sendMessage(registry, queue, parsed);
  const md5OfSystem = md5OfMessageAttributes(parsed.systemAttributes);
  return {
    MessageId: result.messageId,
    MD5OfMessageBody: result.md5OfBody,
    ...(result.md5OfMessageAttributes ? { MD5OfMessageAttributes: result.md5OfMessageAttributes } : {}),
    ...(md5OfSystem ? { MD5OfMessageSystemAttributes: md5OfSystem } : {}),
  };
}

// The whole batch shares the queue's size limit, bodies and attributes together.
function checkBatchSize(input: Input, limit: number): void {
  const entries = Array.isArray(input.Entries) ? (input.Entries as Input[]) : [];
  const size = entries.reduce(
    (sum, e) =>
      sum +
      Buffer.byteLength(String(e?.MessageBody ?? '')) +
      Buffer.byteLength(JSON.stringify(e?.MessageAttributes ?? {})) -
      2,
    0,
  );
  if (size > limit) {
    throw sqsError(
      'BatchRequestTooLong',
      `Batch requests cannot be longer than ${limit} bytes. You have sent ${size} bytes.`,
    );
  }
}

/** Runs each batch entry on its own, collecting SQS's Successful / Failed lists. */
function batch(input: Input, run: (entry: Input) => object) {
  const Successful: object[] = [];
  const Failed: object[] = [];
  for (const entry of batchEntries(input)) {
    try {
      Successful.push({ Id: entry.Id, ...run(entry) });
    } catch (error) {
      const apiError = error as AwsApiError;
      if (!apiError.code) throw error;
      Failed.push({ Id: entry.Id, SenderFault: true, Code: errorName(apiError), Message: apiError.message });
    }
  }
  return { Successful, Failed };
}

function renderMessage(message: StoredMessage, systemNames: string[], attributeNames: string[]) {
  const attributes = selectByName(systemAttributes(message), systemNames);
  const userAttributes = selectByName(message.attributes, attributeNames);
  const md5 = md5OfMessageAttributes(userAttributes);
  return {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
    ...(md5 ? { MD5OfMessageAttributes: md5, MessageAttributes: userAttributes } : {}),
  };
}

const receiveMessage: ActionHandler = async (input, { registry }) => {
  const queue = registry.require(requiredString(input, 'QueueUrl'));
  const visibilityTimeout = optionalInteger(input, 'VisibilityTimeout', 0, 43_200);
  const messages = await receiveMessages(registry, queue, {
    maxMessages: optionalInteger(input, 'MaxNumberOfMessages', 1, 10) ?? 1,
    waitSeconds:
      optionalInteger(input, 'WaitTimeSeconds', 0, 20) ?? queue.seconds('ReceiveMessageWaitTimeSeconds'),
    ...(visibilityTimeout !== undefined ? { visibilityTimeout } : {}),
  });
  const systemNames = [
    ...stringList(input, 'AttributeNames'),
    ...stringList(input, 'MessageSystemAttributeNames'),
  ];
  const attributeNames = stringList(input, 'MessageAttributeNames');
  return messages.length > 0
    ? { Messages: messages.map((m) => renderMessage(m, systemNames, attributeNames)) }
    : {};
};

const changeVisibility = (registry: QueueRegistry, queue: SqsQueue, entry: Input) => {
  const seconds = optionalInteger(entry, 'VisibilityTimeout', 0, 43_200);
  if (seconds === undefined)
    throw invalidParameter('The request must contain the parameter VisibilityTimeout.');
  queue.changeVisibility(requiredString(entry, 'ReceiptHandle'), seconds, registry.clock.now());
  return {};
};

/** Message-level SQS actions by name. */
export const messageActions: Record<string, ActionHandler> = {
  SendMessage: (input, { registry }) =>
    send(registry, registry.require(requiredString(input, 'QueueUrl')), input),
  SendMessageBatch: (input, { registry }) => {
    const queue = registry.require(requiredString(input, 'QueueUrl'));
    checkBatchSize(input, queue.maximumMessageSize);
    return batch(input, (entry) => send(registry, queue, entry));
  },
  ReceiveMessage: receiveMessage,
  DeleteMessage: (input, { registry }) => {
    registry
      .require(requiredString(input, 'QueueUrl'))
      .deleteByHandle(requiredString(input, 'ReceiptHandle'));
    return {};
  },
  DeleteMessageBatch: (input, { registry }) => {
    const queue = registry.require(requiredString(input, 'QueueUrl'));
    return batch(input, (entry) => {
      queue.deleteByHandle(requiredString(entry, 'ReceiptHandle'));
      return {};
    });
  },
  ChangeMessageVisibility: (input, { registry }) =>
    changeVisibility(registry, registry.require(requiredString(input, 'QueueUrl')), input),
  ChangeMessageVisibilityBatch: (input, { registry }) => {
    const queue = registry.require(requiredString(input, 'QueueUrl'));
    return batch(input, (entry) => changeVisibility(registry, queue, entry));
  },
};
