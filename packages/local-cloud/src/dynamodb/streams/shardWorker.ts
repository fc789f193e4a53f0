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

  constructor(
    readonly shardId: string,
    private readonly start: 'TRIM_HORIZON' | 'LATEST',
    private readonly deps: ShardWorkerDeps,
  ) {
    this.lastRead = deps.checkpoints.get(shardId);
  }

  async run(): Promise<void> {
    const { mapping, timings } = this.deps;
    this.iterator = await this.newIterator();
    while (!this.deps.stopped()) {
      if (this.buffer.length < mapping.batchSize && !this.closed) await this.read();
      if (this.buffer.length === 0) {
        this.checkpoint(this.lastRead);
        if (this.closed) return;
        if (!(await this.deps.sleep(timings.pollIntervalMs))) return;
        continue;
      }
      const waited = Date.now() - this.buffer[0]!.readAt;
      if (this.buffer.length < mapping.batchSize && !this.closed && waited < mapping.batchingWindowMs) {
        if (!(await this.deps.sleep(Math.min(timings.pollIntervalMs, mapping.batchingWindowMs - waited))))
          return;
        continue;
      }
      const batch = this.buffer.splice(0, mapping.batchSize);
      await runBatch(batch, this.shardId, mapping, this.deps.ctx, this.deps.sleep, timings.retryBaseDelayMs);
      if (!this.deps.stopped()) this.checkpoint(batch.at(-1)?.record.dynamodb.SequenceNumber);
    }
  }

  private checkpoint(sequenceNumber: string | undefined): void {
    if (sequenceNumber !== undefined && this.deps.checkpoints.get(this.shardId) !== sequenceNumber) {
      this.deps.checkpoints.set(this.shardId, sequenceNumber);
    }
  }

  /** One GetRecords page into the buffer, keeping only records the filter criteria let through. */
  private async read(): Promise<void> {
    if (!this.iterator) {
      this.closed = true;
      return;
    }
    const page = await this.getRecords(this.iterator);
    const { mapping, ctx, ttlDeletions } = this.deps;
    const readAt = Date.now();
    for (const wire of page.Records ?? []) {
      this.lastRead = wire.dynamodb.SequenceNumber;
      const record = toLambdaRecord(wire, mapping.streamArn, ctx.config.region, ttlDeletions);
      if (filterCriteriaMatch(mapping.filters, record)) this.buffer.push({ record, readAt });
    }
    this.iterator = page.NextShardIterator;
    if (!this.iterator) this.closed = true;
  }

  private async getRecords(
    iterator: string,
  ): Promise<{ Records?: WireStreamRecord[]; NextShardIterator?: string }> {
    try {
      return await this.deps.call('GetRecords', { ShardIterator: iterator, Limit: 1000 }, 'DynamoDBStreams');
    } catch (error) {
      // DynamoDB Local answers TrimmedDataAccessException when a TRIM_HORIZON iterator reads a shard that has no
      // record yet (a fresh table): that is "nothing yet", as an expired iterator is "ask again".
      const retryable = ['ExpiredIteratorException', 'TrimmedDataAccessException'];
      if (!(error instanceof DynamoDbLocalError) || !retryable.includes(error.code)) throw error;
      return { Records: [], NextShardIterator: await this.newIterator() };
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
