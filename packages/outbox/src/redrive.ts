import { type EventEnvelope, EventPublishError, type PublishEvents } from '@spendwise/contracts';
import type { OutboxIndex, OutboxIndexEntry } from './outboxIndex';
import { eventFromOutboxItem } from './outboxItem';

/** One record the redrive dealt with, as progress reports it. */
export interface RedriveProgress {
  eventId: string;
  detailType?: string;
  writtenAt: string;
  outcome: 'republished' | 'already-drained' | 'would-republish' | 'failed';
  error?: string;
}

export interface RedriveSummary {
  /** Records older than the cutoff the index listed. */
  found: number;
  /** Put on the bus again (with their original event ids) and deleted, or found drained after publishing. */
  republished: number;
  /** Listed but gone when read back: the relay drained them meanwhile; nothing to do. */
  alreadyDrained: number;
  /** Dry run: what a real run would republish. */
  wouldRepublish: number;
  failed: number;
}

export interface RedriveOptions {
  /** Records written before this instant are republished. */
  olderThan: Date;
  dryRun?: boolean;
  onProgress?: (progress: RedriveProgress) => void;
}

/**
 * Republishes stuck outbox records: every record written before `olderThan` is read back (strongly consistent),
 * put on the bus through the relay's publisher with its ORIGINAL event id (consumers de-duplicate on it), and
 * deleted — conditionally, and only after its publish succeeded. Safe to run twice or next to the relay: a
 * record drained meanwhile is skipped or, if both published it, delivered twice with the same id.
 */
export async function redriveOutbox(
  index: OutboxIndex,
  publish: PublishEvents,
  options: RedriveOptions,
): Promise<RedriveSummary> {
  const summary: RedriveSummary = {
    found: 0,
    republished: 0,
    alreadyDrained: 0,
    wouldRepublish: 0,
    failed: 0,
  };
  const report: Report = (progress) => {
    summary[COUNTERS[progress.outcome]]++;
    options.onProgress?.(progress);
  };
  for await (const entries of index.writtenBefore(options.olderThan)) {
    summary.found += entries.length;
    const readable = await readPage(index, entries, report);
    if (options.dryRun) {
      for (const { record } of readable) report({ ...describe(record), outcome: 'would-republish' });
      continue;
    }
    for (const batch of chunks(readable, 10)) await republish(index, publish, batch, report);
  }
  return summary;
}

type Report = (progress: RedriveProgress) => void;

interface Readable {
  record: Record<string, unknown>;
  event: EventEnvelope;
}

const COUNTERS = {
  republished: 'republished',
  'already-drained': 'alreadyDrained',
  'would-republish': 'wouldRepublish',
  failed: 'failed',
} as const;

/** Reads a page of index entries back; reports those already drained and those that cannot be read. */
async function readPage(
  index: OutboxIndex,
  entries: OutboxIndexEntry[],
  report: Report,
): Promise<Readable[]> {
  const records = await index.loadRecords(entries);
  const present = new Set(records.map((record) => record.PK));
  for (const entry of entries.filter((e) => !present.has(e.PK))) {
    report({
      eventId: entry.PK.replace(/^OUTBOX#/, ''),
      writtenAt: entry.outboxAt,
      outcome: 'already-drained',
    });
  }
  const readable: Readable[] = [];
  for (const record of records) {
    try {
      readable.push({ record, event: eventFromOutboxItem(record) });
    } catch (error) {
      report({ ...describe(record), outcome: 'failed', error: (error as Error).message });
    }
  }
  return readable;
}

/** Publishes a batch, then deletes each record whose publish succeeded (and only those). */
async function republish(index: OutboxIndex, publish: PublishEvents, batch: Readable[], report: Report) {
  const refused = await publishBatch(
    publish,
    batch.map(({ event }) => event),
  );
  for (const { record, event } of batch) {
    const error = refused.get(event.detail.metadata.eventId);
    if (error !== undefined) {
      report({ ...describe(record), outcome: 'failed', error });
      continue;
    }
    try {
      await index.deleteRepublished({ PK: String(record.PK), SK: String(record.SK) });
      report({ ...describe(record), outcome: 'republished' });
    } catch (deleteError) {
      const message = `republished, but not deleted: ${(deleteError as Error).message}`;
      report({ ...describe(record), outcome: 'failed', error: message });
    }
  }
}

/**
 * Publishes a batch and says which events were refused and why. An error that is not a per-event refusal (an
 * event that no longer matches its schema, one too large) fails the whole call: then each is tried on its own,
 * so one bad record does not hold back the others.
 */
async function publishBatch(publish: PublishEvents, events: EventEnvelope[]): Promise<Map<string, string>> {
  try {
    await publish(events);
    return new Map();
  } catch (error) {
    if (error instanceof EventPublishError) {
      return new Map(
        error.failures.map((f) => [f.eventId, [f.errorCode, f.errorMessage].filter(Boolean).join(': ')]),
      );
    }
    const [only] = events;
    if (events.length === 1 && only)
      return new Map([[only.detail.metadata.eventId, (error as Error).message]]);
    const refused = new Map<string, string>();
    for (const event of events) {
      for (const [id, reason] of await publishBatch(publish, [event])) refused.set(id, reason);
    }
    return refused;
  }
}

const describe = (record: Record<string, unknown>) => ({
  eventId: String(record.eventId ?? String(record.PK).replace(/^OUTBOX#/, '')),
  ...(typeof record.detailType === 'string' ? { detailType: record.detailType } : {}),
  writtenAt: String(record.outboxAt),
});

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));
