import { sqsError } from './errors';
import { messageIdOfHandle, newReceiptHandle, type StoredMessage } from './message';
import type { QueueJournal } from './persistence';
import { type RedriveAllowPolicy, type RedrivePolicy, redrive, redriveAllow } from './queueAttributes';

/** How many messages of a queue are in each state, as the Approximate* attributes report them. */
export interface QueueCounts {
  visible: number;
  inFlight: number;
  delayed: number;
}

/** One standard queue: its attributes and messages. Time is passed in, so the queue holds no clock. */
export class SqsQueue {
  /** Messages in arrival order, by message id. */
  readonly messages = new Map<string, StoredMessage>();
  tags: Record<string, string> = {};
  lastModifiedAt: number;
  /** Where changes to the messages are written before SQS answers (none: the queue lives in memory only). */
  journal: QueueJournal | undefined;
  private waiters = new Set<() => void>();

  constructor(
    readonly name: string,
    readonly arn: string,
    readonly url: string,
    public attributes: Record<string, string>,
    readonly createdAt: number,
  ) {
    this.lastModifiedAt = createdAt;
  }

  /** A numeric attribute (they always hold a default). */
  seconds(
    name: 'VisibilityTimeout' | 'DelaySeconds' | 'MessageRetentionPeriod' | 'ReceiveMessageWaitTimeSeconds',
  ) {
    return Number(this.attributes[name]);
  }

  get maximumMessageSize(): number {
    return Number(this.attributes.MaximumMessageSize);
  }

  get redrivePolicy(): RedrivePolicy | undefined {
    const text = this.attributes.RedrivePolicy;
    return text ? redrive(text) : undefined;
  }

  get redriveAllowPolicy(): RedriveAllowPolicy | undefined {
    const text = this.attributes.RedriveAllowPolicy;
    return text ? redriveAllow(text) : undefined;
  }

  /** Adds a message and wakes long pollers. */
  enqueue(message: StoredMessage): void {
    this.messages.set(message.messageId, message);
    this.journal?.put(message);
    this.wake();
  }

  /** Drops messages older than the retention period (counted from when they were first sent). */
  expire(now: number): void {
    const retentionMs = this.seconds('MessageRetentionPeriod') * 1000;
    for (const [id, message] of this.messages) {
      if (message.sentAt + retentionMs <= now) this.remove(id);
    }
  }

  /** Removes one message (received and deleted, expired, or moved to another queue). */
  remove(messageId: string): void {
    if (this.messages.delete(messageId)) this.journal?.deleted(messageId);
  }

  counts(now: number): QueueCounts {
    this.expire(now);
    const counts = { visible: 0, inFlight: 0, delayed: 0 };
    for (const message of this.messages.values()) {
      if (message.delayedUntil > now) counts.delayed++;
      else if (message.invisibleUntil > now) counts.inFlight++;
      else counts.visible++;
    }
    return counts;
  }

  /** Visible messages, oldest first. */
  visible(now: number): StoredMessage[] {
    this.expire(now);
    return [...this.messages.values()].filter((m) => m.delayedUntil <= now && m.invisibleUntil <= now);
  }

  /** Marks a message received: counts the receive, hides it and issues a fresh receipt handle. */
  take(message: StoredMessage, now: number, visibilityTimeout: number): StoredMessage {
    message.receiveCount++;
    message.firstReceivedAt ??= now;
    message.invisibleUntil = now + visibilityTimeout * 1000;
    message.receiptHandle = newReceiptHandle(this.name, message.messageId, message.receiveCount);
    this.journal?.received(message);
    return { ...message, attributes: { ...message.attributes } };
  }

  /**
   * Deletes the message a receipt handle refers to. A handle of an earlier receive still deletes (SQS does
   * not guarantee otherwise) and a message already gone is not an error, as in SQS.
   */
  deleteByHandle(handle: string | undefined): void {
    this.remove(messageIdOfHandle(handle, this.name));
  }

  /** Restarts a received message's visibility timeout from now (0 makes it visible at once). */
  changeVisibility(handle: string | undefined, seconds: number, now: number): void {
    const message = this.messages.get(messageIdOfHandle(handle, this.name));
    if (!message || message.invisibleUntil <= now) {
      throw sqsError('MessageNotInflight', 'The message referred to is not in flight.');
    }
    message.invisibleUntil = now + seconds * 1000;
    this.journal?.visibility(message.messageId, message.invisibleUntil);
    if (seconds === 0) this.wake();
  }

  purge(): void {
    this.messages.clear();
    this.journal?.purged();
  }

  /** Puts back messages saved before a restart (already in the journal, so not written again). */
  restore(messages: StoredMessage[]): void {
    for (const message of messages) this.messages.set(message.messageId, message);
    if (messages.length > 0) this.wake();
  }

  /** The earliest moment a hidden message becomes visible, if any is hidden. */
  nextChangeAt(now: number): number | undefined {
    let next: number | undefined;
    for (const m of this.messages.values()) {
      const at = Math.max(m.delayedUntil, m.invisibleUntil);
      if (at > now && (next === undefined || at < next)) next = at;
    }
    return next;
  }

  /** Resolves when a message arrives or is made visible early (or when `signal` aborts). */
  arrival(signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
