import { randomUUID } from 'node:crypto';
import type { MessageAttributeValue } from '../core/ports';
import { invalidParameter } from './errors';
import { md5Hex, md5OfMessageAttributes } from './md5';
import { type StoredMessage, validateMessage } from './message';
import type { SqsQueue } from './queue';
import type { QueueRegistry } from './registry';

export interface SendInput {
  body: unknown;
  attributes?: Record<string, MessageAttributeValue>;
  /** Per-message delay; the queue's DelaySeconds when absent. */
  delaySeconds?: number;
  traceHeader?: string;
}

export interface SendResult {
  messageId: string;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
}

/** Validates and enqueues one message (SendMessage, SendMessageBatch entries, and the SqsPort). */
export function sendMessage(registry: QueueRegistry, queue: SqsQueue, input: SendInput): SendResult {
  validateMessage(input.body, input.attributes, queue.maximumMessageSize);
  const delay = input.delaySeconds ?? queue.seconds('DelaySeconds');
  if (!Number.isInteger(delay) || delay < 0 || delay > 900) {
    throw invalidParameter(
      `Value ${delay} for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.`,
    );
  }
  const now = registry.clock.now();
  const message: StoredMessage = {
    messageId: randomUUID(),
    body: input.body as string,
    md5OfBody: md5Hex(input.body as string),
    attributes: { ...input.attributes },
    sentAt: now,
    senderId: registry.config.accountId,
    delayedUntil: now + delay * 1000,
    invisibleUntil: 0,
    receiveCount: 0,
    ...(input.traceHeader ? { traceHeader: input.traceHeader } : {}),
  };
  queue.enqueue(message);
  const md5OfAttributes = md5OfMessageAttributes(message.attributes);
  return {
    messageId: message.messageId,
    md5OfBody: message.md5OfBody,
    ...(md5OfAttributes ? { md5OfMessageAttributes: md5OfAttributes } : {}),
  };
}

export interface ReceiveOptions {
  /** 1–10 for the API; the Lambda poller may ask for more. */
  maxMessages: number;
  /** Overrides the queue's VisibilityTimeout for this receive. */
  visibilityTimeout?: number;
  /** Long polling: how long to wait for a first message (0 answers at once). */
  waitSeconds: number;
  signal?: AbortSignal;
}

/**
 * ReceiveMessage: takes up to `maxMessages` visible messages, waiting up to `waitSeconds` for the first one.
 * A message whose receive count has reached the RedrivePolicy's maxReceiveCount is moved to the DLQ instead
 * of being received again, which is when SQS moves it.
 */
export async function receiveMessages(
  registry: QueueRegistry,
  queue: SqsQueue,
  options: ReceiveOptions,
): Promise<StoredMessage[]> {
  const { clock } = registry;
  const deadline = clock.now() + options.waitSeconds * 1000;
  for (;;) {
    const received = receiveNow(registry, queue, options);
    const now = clock.now();
    if (received.length > 0 || now >= deadline || options.signal?.aborted) return received;
    const wait = new AbortController();
    const stop = () => wait.abort();
    options.signal?.addEventListener('abort', stop, { once: true });
    const wakeAt = Math.min(deadline, queue.nextChangeAt(now) ?? deadline);
    await Promise.race([clock.sleep(wakeAt - now, wait.signal), queue.arrival(wait.signal)]);
    wait.abort();
    options.signal?.removeEventListener('abort', stop);
  }
}

function receiveNow(registry: QueueRegistry, queue: SqsQueue, options: ReceiveOptions): StoredMessage[] {
  const now = registry.clock.now();
  const visibility =
    (options.visibilityTimeout ?? queue.seconds('VisibilityTimeout')) * registry.visibilityTimeScale;
  const policy = queue.redrivePolicy;
  const received: StoredMessage[] = [];
  for (const message of queue.visible(now)) {
    if (received.length >= options.maxMessages) break;
    const dlq =
      policy && message.receiveCount >= policy.maxReceiveCount
        ? registry.deadLetterQueueOf(queue)
        : undefined;
    if (dlq) moveToDeadLetterQueue(queue, dlq, message);
    else received.push(queue.take(message, now, visibility));
  }
  return received;
}

// The message keeps its id, receive count and original timestamp (retention counts from the first send).
function moveToDeadLetterQueue(source: SqsQueue, dlq: SqsQueue, message: StoredMessage): void {
  // Into the DLQ first: a crash in between leaves the message in both queues rather than in none.
  dlq.enqueue({
    ...message,
    delayedUntil: 0,
    invisibleUntil: 0,
    deadLetterSourceArn: source.arn,
  });
  source.remove(message.messageId);
}
