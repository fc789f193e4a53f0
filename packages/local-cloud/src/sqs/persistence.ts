import { join } from 'node:path';
import { Journal, type JournalOptions } from '../persistence/journal';
import type { StoredMessage } from './message';

/** One change to a queue's messages, as the journal keeps it. Times are epoch milliseconds. */
export type MessageRecord =
  | { t: 'put'; q: string; m: StoredMessage }
  | { t: 'recv'; q: string; id: string; n: number; f?: number; v: number }
  | { t: 'vis'; q: string; id: string; v: number }
  | { t: 'del'; q: string; id: string }
  | { t: 'purge'; q: string };

/** What a queue reports to its journal; every method is called after the change, before the caller is answered. */
export interface QueueJournal {
  put(message: StoredMessage): void;
  received(message: StoredMessage): void;
  visibility(messageId: string, invisibleUntil: number): void;
  deleted(messageId: string): void;
  purged(): void;
}

/** Replays message records into the messages of each queue, by queue name, in arrival order. */
export function replayMessages(records: Iterable<MessageRecord>): Map<string, Map<string, StoredMessage>> {
  const queues = new Map<string, Map<string, StoredMessage>>();
  const of = (name: string) => {
    const messages = queues.get(name) ?? new Map<string, StoredMessage>();
    queues.set(name, messages);
    return messages;
  };
  for (const record of records) {
    switch (record.t) {
      case 'put':
        of(record.q).set(record.m.messageId, record.m);
        break;
      case 'recv': {
        const message = queues.get(record.q)?.get(record.id);
        if (!message) break;
        message.receiveCount = record.n;
        if (record.f !== undefined) message.firstReceivedAt = record.f;
        message.invisibleUntil = record.v;
        break;
      }
      case 'vis': {
        const message = queues.get(record.q)?.get(record.id);
        if (message) message.invisibleUntil = record.v;
        break;
      }
      case 'del':
        queues.get(record.q)?.delete(record.id);
        break;
      case 'purge':
        queues.delete(record.q);
        break;
    }
  }
  for (const [name, messages] of queues) if (messages.size === 0) queues.delete(name);
  return queues;
}

/**
 * The messages of every queue on disk (`<dataDir>/sqs/messages.jsonl`): each send, receive (receive count and
 * visibility), visibility change, delete and purge is appended before SQS answers, and replayed on the next start.
 * A queue gets its saved messages back when it is created again (by the deployment, under the same name), with
 * their ids, bodies, attributes, receive counts, delays and visibility deadlines: a message that was in flight when
 * the process died becomes visible again when its visibility timeout runs out, as on AWS.
 */
export class MessageStore {
  private readonly journal: Journal<MessageRecord>;
  /** Saved messages not yet handed back to their queue. */
  private readonly saved: Map<string, Map<string, StoredMessage>>;
  private live: () => Iterable<{ name: string; messages: Map<string, StoredMessage> }> = () => [];
  /** Lines of the journal that could not be read when it was opened (a torn last line after a crash). */
  readonly skipped: number;

  constructor(dataDir: string, options: JournalOptions = {}) {
    const { journal, contents } = Journal.open<MessageRecord>(
      join(dataDir, 'sqs', 'messages.jsonl'),
      options,
    );
    this.journal = journal;
    this.saved = replayMessages(contents.records);
    this.skipped = contents.skipped;
    this.journal.compact(this.snapshot(), () => this.snapshot());
  }

  /** Where the live queues are, for compaction. */
  track(live: () => Iterable<{ name: string; messages: Map<string, StoredMessage> }>): void {
    this.live = live;
  }

  /** How many saved messages wait for a queue to be created again. */
  get waiting(): number {
    let count = 0;
    for (const messages of this.saved.values()) count += messages.size;
    return count;
  }

  /** The saved messages of a queue (once: later calls return none), in arrival order. */
  claim(queueName: string): StoredMessage[] {
    const messages = this.saved.get(queueName);
    this.saved.delete(queueName);
    return messages ? [...messages.values()] : [];
  }

  /** Forgets the saved messages of queues that were not created again; returns how many each had. */
  dropUnclaimed(): { queue: string; count: number }[] {
    const dropped = [...this.saved].map(([queue, messages]) => ({ queue, count: messages.size }));
    for (const { queue } of dropped) {
      this.saved.delete(queue);
      this.journal.append({ t: 'purge', q: queue });
    }
    return dropped;
  }

  /** The journal of one queue. */
  journalOf(queueName: string): QueueJournal {
    const q = queueName;
    const journal = this.journal;
    return {
      put: (m) => journal.append({ t: 'put', q, m: withoutHandle(m) }),
      received: (m) =>
        journal.append({
          t: 'recv',
          q,
          id: m.messageId,
          n: m.receiveCount,
          v: m.invisibleUntil,
          ...(m.firstReceivedAt !== undefined ? { f: m.firstReceivedAt } : {}),
        }),
      visibility: (id, v) => journal.append({ t: 'vis', q, id, v }),
      deleted: (id) => journal.append({ t: 'del', q, id }),
      purged: () => journal.append({ t: 'purge', q }),
    };
  }

  close(): void {
    this.journal.close();
  }

  private *snapshot(): Iterable<MessageRecord> {
    const seen = new Set<string>();
    for (const queue of this.live()) {
      seen.add(queue.name);
      for (const m of queue.messages.values()) yield { t: 'put', q: queue.name, m: withoutHandle(m) };
    }
    for (const [q, messages] of this.saved) {
      if (seen.has(q)) continue;
      for (const m of messages.values()) yield { t: 'put', q, m };
    }
  }
}

// A receipt handle is per receive; the message id is what a restart needs (old handles still name it).
function withoutHandle(message: StoredMessage): StoredMessage {
  if (message.receiptHandle === undefined) return message;
  const { receiptHandle: _handle, ...rest } = message;
  return rest;
}
