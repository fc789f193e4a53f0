import type { LocalCloud } from '../../core/context';
import type { TtlDeletions } from '../ttlDeletions';
import type { DynamoDbCall } from '../wire';
import type { CheckpointStore } from './checkpoints';
import type { StreamMapping, StreamTimings } from './mapping';
import { ShardWorker } from './shardWorker';

interface Shard {
  ShardId: string;
  ParentShardId?: string;
}

/**
 * Runs one event source mapping: finds the stream's shards (again every `discoveryIntervalMs`), starts a
 * worker per shard once its parent shard is drained (child shards are followed), and stops them all on `stop`.
 */
export class StreamPoller {
  private readonly workers = new Map<string, Promise<void>>();
  private readonly shardWorkers = new Map<string, ShardWorker>();
  /** Moves of the workers that have ended, and workers started. */
  private pastMoves = 0;
  private readonly finished = new Set<string>();
  private readonly wakers = new Set<() => void>();
  private firstDiscovery = true;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly mapping: StreamMapping,
    private readonly ctx: LocalCloud,
    private readonly call: DynamoDbCall,
    private readonly checkpoints: CheckpointStore,
    private readonly ttlDeletions: TtlDeletions,
    private readonly timings: StreamTimings,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.discoverForever();
  }

  /** Stops reading; resolves when every in-flight batch has returned. */
  async stop(): Promise<void> {
    this.running = false;
    for (const wake of this.wakers) wake();
    await this.loop;
    await Promise.all(this.workers.values());
  }

  /**
   * Resolves once every shard of the stream has been read up to its end and every batch read from it
   * delivered: shards are looked for now (a table's first write opens one) and each worker is asked to read.
   */
  async caughtUp(): Promise<void> {
    if (!this.running) return;
    try {
      await this.discover();
    } catch (error) {
      this.ctx.log(
        `stream mapping ${this.mapping.name}: cannot read ${this.mapping.streamArn}: ${(error as Error).message}`,
      );
    }
    await Promise.all([...this.shardWorkers.values()].map((worker) => worker.caughtUp()));
  }

  /** Shards with records read and not yet delivered; pages read and batches delivered so far. */
  activity(): { busy: string[]; moves: number } {
    const busy = [...this.shardWorkers.values()]
      .filter((worker) => worker.busy)
      .map((worker) => `dynamodb: stream mapping ${this.mapping.name} delivering from ${worker.shardId}`);
    const moves = [...this.shardWorkers.values()].reduce((sum, worker) => sum + worker.moves, this.pastMoves);
    return { busy, moves };
  }

  private async discoverForever(): Promise<void> {
    while (this.running) {
      try {
        await this.discover();
      } catch (error) {
        this.ctx.log(
          `stream mapping ${this.mapping.name}: cannot read ${this.mapping.streamArn}: ${(error as Error).message}`,
        );
      }
      // A stream has no shard until the table's first write: look for it as often as records are polled, so
      // the first change of a fresh table is delivered as fast as every later one.
      await this.sleep(
        this.workers.size === 0 ? this.timings.pollIntervalMs : this.timings.discoveryIntervalMs,
      );
    }
  }

  private async discover(): Promise<void> {
    const shards = await this.listShards();
    const known = new Set(shards.map((shard) => shard.ShardId));
    for (const shard of shards) {
      if (this.workers.has(shard.ShardId) || this.finished.has(shard.ShardId)) continue;
      const parent = shard.ParentShardId;
      if (parent && known.has(parent) && !this.finished.has(parent)) continue;
      this.startWorker(shard.ShardId, this.firstDiscovery ? this.mapping.startingPosition : 'TRIM_HORIZON');
    }
    this.firstDiscovery = false;
  }

  private startWorker(shardId: string, start: 'TRIM_HORIZON' | 'LATEST'): void {
    const worker = new ShardWorker(shardId, start, {
      mapping: this.mapping,
      ctx: this.ctx,
      call: this.call,
      checkpoints: this.checkpoints,
      ttlDeletions: this.ttlDeletions,
      timings: this.timings,
      sleep: (ms) => this.sleep(ms),
      stopped: () => !this.running,
    });
    this.shardWorkers.set(shardId, worker);
    this.pastMoves += 1;
    const run = worker.run().then(
      () => {
        if (this.running) this.finished.add(shardId);
      },
      (error: unknown) =>
        this.ctx.log(
          `stream mapping ${this.mapping.name}: shard ${shardId} failed, retrying: ${(error as Error).message}`,
        ),
    );
    this.workers.set(
      shardId,
      run.finally(() => {
        this.workers.delete(shardId);
        this.shardWorkers.delete(shardId);
        this.pastMoves += worker.moves + 1;
      }),
    );
  }

  private async listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.call<{
        StreamDescription: { Shards?: Shard[]; LastEvaluatedShardId?: string };
      }>(
        'DescribeStream',
        { StreamArn: this.mapping.streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) },
        'DynamoDBStreams',
      );
      shards.push(...(StreamDescription.Shards ?? []));
      start = StreamDescription.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  /** Waits `ms`; resolves false at once when stopping. */
  private sleep(ms: number): Promise<boolean> {
    if (!this.running) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.wakers.delete(wake);
        resolve(this.running);
      }, ms);
      this.wakers.add(wake);
    });
  }
}
