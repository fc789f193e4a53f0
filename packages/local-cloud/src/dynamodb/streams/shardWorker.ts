import type { LocalCloud } from '../../core/context';
import { filterCriteriaMatch } from '../../patterns';
import type { TtlDeletions } from '../ttlDeletions';
import { type DynamoDbCall, DynamoDbLocalError } from '../wire';
import { runBatch } from './batchRunner';
import type { CheckpointStore } from './checkpoints';
import type { StreamMapping, StreamTimings } from './mapping';
import { type StreamEntry, toLambdaRecord, type WireStreamRecord } from './records';

export interface ShardWorkerDeps {
  mapping: StreamMapping;
  ctx: LocalCloud;
  call: DynamoDbCall;
  checkpoints: CheckpointStore;
  ttlDeletions: TtlDeletions;
  timings: StreamTimings;
  /** Waits, or returns false at once when the poller stops. */
  sleep(ms: number): Promise<boolean>;
  stopped(): boolean;
}

/**
 * Reads one shard in order and hands its (filtered) records to `runBatch`, one batch at a time, so that
 * order per shard is kept. Resolves when the shard is closed and drained, or when the poller stops.
 */
export class ShardWorker {
  private buffer: StreamEntry[] = [];
  private iterator: string | undefined;
  private lastRead: string | undefined;
  private closed = false;
  /** The first page with records was read again from a fresh TRIM_HORIZON iterator (see `read`). */
  private startChecked = false;
  private delivering = false;
  /** Callers of `caughtUp()` waiting for a read that finds the shard's end. */
  private waiters: Array<() => void> = [];
  /** Cuts the pause between polls short (set while the worker waits for new records). */
  private nudge: (() => void) | undefined;
  /** Pages read with records, and batches delivered. */
  moves = 0;

  constructor(
    readonly shardId: string,
    private readonly start: 'TRIM_HORIZON' | 'LATEST',
    private readonly deps: ShardWorkerDeps,
  ) {
    this.lastRead = deps.checkpoints.get(shardId);
  }

  /** Records read and not yet delivered, or a batch being delivered (with its retries). */
  get busy(): boolean {
    return this.delivering || this.buffer.length > 0;
  }

  /**
   * Resolves once the worker has read the shard up to its end with every record before it delivered — a
   * GetRecords call begun after this call answered nothing and nothing is buffered — or once it has ended.
   */
  caughtUp(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.nudge?.();
    });
  }

  async run(): Promise<void> {
    try {
      await this.loop();
    } finally {
      for (const resolve of this.waiters.splice(0)) resolve();
    }
  }

  private async loop(): Promise<void> {
    const { mapping, timings } = this.deps;
    this.iterator = await this.newIterator();
    while (!this.deps.stopped()) {
      if (this.buffer.length < mapping.batchSize && !this.closed) await this.readAnswering();
      if (this.buffer.length === 0) {
        this.checkpoint(this.lastRead);
        if (this.closed) return;
        if (!(await this.pause(timings.pollIntervalMs))) return;
        continue;
      }
      const waited = Date.now() - this.buffer[0]!.readAt;
      if (this.buffer.length < mapping.batchSize && !this.closed && waited < mapping.batchingWindowMs) {
        if (!(await this.deps.sleep(Math.min(timings.pollIntervalMs, mapping.batchingWindowMs - waited))))
          return;
        continue;
      }
      await this.deliver(this.buffer.splice(0, mapping.batchSize));
    }
  }

  /** Reads a page; answers the `caughtUp()` callers that asked before it when it found the shard's end. */
  private async readAnswering(): Promise<void> {
    const asking = this.waiters.splice(0);
    let count: number | undefined;
    try {
      count = await this.read();
    } finally {
      if (count === undefined) this.waiters.unshift(...asking);
    }
    if (count === 0 && this.buffer.length === 0) for (const resolve of asking) resolve();
    else this.waiters.unshift(...asking);
  }

  private async deliver(batch: StreamEntry[]): Promise<void> {
    const { mapping, ctx, sleep, timings } = this.deps;
    this.delivering = true;
    try {
      await runBatch(batch, this.shardId, mapping, ctx, sleep, timings.retryBaseDelayMs);
    } finally {
      this.delivering = false;
      this.moves += 1;
    }
    if (!this.deps.stopped()) this.checkpoint(batch.at(-1)?.record.dynamodb.SequenceNumber);
  }

  /** The pause between polls of a shard with nothing new, which `caughtUp()` cuts short; false when stopping. */
  private async pause(ms: number): Promise<boolean> {
    if (this.waiters.length > 0) return !this.deps.stopped();
    const nudged = new Promise<boolean>((resolve) => {
      this.nudge = () => resolve(true);
    });
    try {
      return await Promise.race([this.deps.sleep(ms), nudged]);
    } finally {
      this.nudge = undefined;
    }
  }

  private checkpoint(sequenceNumber: string | undefined): void {
    if (sequenceNumber !== undefined && this.deps.checkpoints.get(this.shardId) !== sequenceNumber) {
      this.deps.checkpoints.set(this.shardId, sequenceNumber);
    }
  }

  /**
   * One GetRecords page into the buffer, keeping only records the filter criteria let through; how many
   * records the page had, or -1 when the iterator had to be renewed (nothing known about the shard's end).
   */
  private async read(): Promise<number> {
    if (!this.iterator) {
      this.closed = true;
      return 0;
    }
    let page = await this.getRecords(this.iterator);
    if (
      !this.startChecked &&
      this.lastRead === undefined &&
      this.start === 'TRIM_HORIZON' &&
      page.Records?.length
    ) {
      // The first records of a shard read from TRIM_HORIZON are read again with an iterator taken now. After a
      // restart DynamoDB Local numbers a table's next records from the highest sequence number it keeps on disk,
      // which for a stream enabled with no record yet (a restored table) is below the shard's
      // StartingSequenceNumber: an iterator taken before those records existed starts above them and never
      // returns them, while TRIM_HORIZON taken once they exist starts at the oldest.
      this.startChecked = true;
      const fresh = await this.newIterator();
      if (fresh) page = await this.getRecords(fresh);
    }
    const { mapping, ctx, ttlDeletions } = this.deps;
    const readAt = Date.now();
    for (const wire of page.Records ?? []) {
      this.lastRead = wire.dynamodb.SequenceNumber;
      const record = toLambdaRecord(wire, mapping.streamArn, ctx.config.region, ttlDeletions);
      if (filterCriteriaMatch(mapping.filters, record)) this.buffer.push({ record, readAt });
    }
    this.iterator = page.NextShardIterator;
    if (!this.iterator) this.closed = true;
    if (page.unread) return -1;
    const count = page.Records?.length ?? 0;

    if (count > 0) this.moves += 1;
    return count;
  }

  private async getRecords(
    iterator: string,
  ): Promise<{ Records?: WireStreamRecord[]; NextShardIterator?: string; unread?: boolean }> {
    try {
      return await this.deps.call('GetRecords', { ShardIterator: iterator, Limit: 1000 }, 'DynamoDBStreams');
    } catch (error) {
      // DynamoDB Local answers TrimmedDataAccessException when a TRIM_HORIZON iterator reads a shard that has no
      // record yet (a fresh table): that is "nothing yet", as an expired iterator is "ask again".
      const retryable = ['ExpiredIteratorException', 'TrimmedDataAccessException'];
      if (!(error instanceof DynamoDbLocalError) || !retryable.includes(error.code)) throw error;
      return { Records: [], NextShardIterator: await this.newIterator(), unread: true };
    }
  }

  /** After the checkpoint (or last record read) when there is one, else from the starting position. */
  private async newIterator(): Promise<string | undefined> {
    const position = this.lastRead
      ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: this.lastRead }
      : { ShardIteratorType: this.start };
    const request = { StreamArn: this.deps.mapping.streamArn, ShardId: this.shardId, ...position };
    try {
      const answer = await this.deps.call<{ ShardIterator?: string }>(
        'GetShardIterator',
        request,
        'DynamoDBStreams',
      );
      return answer.ShardIterator;
    } catch (error) {
      const stale = error instanceof DynamoDbLocalError && /Trimmed|Validation/.test(error.code);
      if (!this.lastRead || !stale) throw error;
      // The checkpoint is older than what the stream still holds: start from the oldest record kept.
      this.lastRead = undefined;
      return this.newIterator();
    }
  }
}
