import type { Activity, Settles } from '../core/activity';
import type { LocalCloud } from '../core/context';
import type { ResourceProvider } from '../core/resources';
import { startDynamoDbLocal } from './dynamoDbLocal';
import { DynamoDbApi } from './proxy';
import { DEFAULT_STREAM_TIMINGS, type StreamTimings } from './streams/mapping';
import { streamMappingProvider } from './streams/mappingProvider';
import type { StreamPoller } from './streams/streamPoller';
import { tableProvider } from './tableProvider';
import { TtlDeletions } from './ttlDeletions';
import { TtlSweeper } from './ttlSweeper';
import { dynamoDbCall } from './wire';

export interface DynamoDbEngineOptions {
  /** DynamoDB Local's endpoint (`http://127.0.0.1:<port>`). */
  endpoint: string;
  /** Seconds between incremental TTL sweeper steps (default 1: one page of 100 items per TTL table). */
  ttlSweepIntervalSeconds?: number;
  timings?: Partial<StreamTimings>;
  /** Clock of the TTL sweeper, in epoch seconds (tests move it forward). */
  ttlNow?: () => number;
  log?: (message: string) => void;
}

/**
 * The local DynamoDB, given a running DynamoDB Local: the proxy API for the shared endpoint, the providers
 * for AWS::DynamoDB::Table and stream event source mappings, and the TTL sweeper.
 *
 * @example const engine = new DynamoDbEngine({ endpoint }); gateway.mount(engine.api); … await engine.stop();
 */
export class DynamoDbEngine implements Settles {
  readonly api: DynamoDbApi;
  readonly providers: readonly ResourceProvider[];
  readonly ttlSweeper: TtlSweeper;
  private readonly pollers: StreamPoller[] = [];

  constructor(options: DynamoDbEngineOptions) {
    const call = dynamoDbCall(options.endpoint);
    const deletions = new TtlDeletions();
    const timings = { ...DEFAULT_STREAM_TIMINGS, ...options.timings };
    this.api = new DynamoDbApi(options.endpoint);
    this.providers = [tableProvider(call), streamMappingProvider(call, deletions, timings, this.pollers)];
    this.ttlSweeper = new TtlSweeper(call, deletions, {
      intervalSeconds: options.ttlSweepIntervalSeconds ?? 1,
      ...(options.log ? { log: options.log } : {}),
      ...(options.ttlNow ? { now: options.ttlNow } : {}),
    });
  }

  /** Resolves once every stream with an event source mapping is read to its end and its batches delivered. */
  async settled(): Promise<void> {
    await Promise.all(this.pollers.map((poller) => poller.caughtUp()));
  }

  /** Stream records read and not yet delivered by their mappings. */
  activity(): Activity {
    const each = this.pollers.map((poller) => poller.activity());
    return { busy: each.flatMap((a) => a.busy), moves: each.reduce((sum, a) => sum + a.moves, 0) };
  }

  /** Stops every stream poller (in-flight batches finish) and the TTL sweeper. */
  async stop(): Promise<void> {
    await Promise.all(this.pollers.splice(0).map((poller) => poller.stop()));
    await this.ttlSweeper.stop();
  }
}

/** A started local DynamoDB: the engine plus the DynamoDB Local process it drives. */
export interface LocalDynamoDb {
  engine: DynamoDbEngine;
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local (persistent under `<dataDir>/dynamodb` unless `config.inMemory`) and the engine on
 * top of it, with the TTL sweeper running.
 */
export async function startDynamoDb(
  ctx: LocalCloud,
  options: Omit<DynamoDbEngineOptions, 'endpoint' | 'log'> & { port?: number } = {},
): Promise<LocalDynamoDb> {
  const { port, ...engineOptions } = options;
  const local = await startDynamoDbLocal({
    host: ctx.config.host,
    tuning: 'throughput',
    ...(port !== undefined ? { port } : {}),
    ...(ctx.config.inMemory ? {} : { dataDir: ctx.config.dataDir }),
  });
  ctx.log(`DynamoDB Local on ${local.endpoint} (${local.dataPath ?? 'in memory'})`);
  const engine = new DynamoDbEngine({
    ...engineOptions,
    endpoint: local.endpoint,
    log: (message) => ctx.log(message),
  });
  engine.ttlSweeper.start();
  return {
    engine,
    endpoint: local.endpoint,
    stop: async () => {
      await engine.stop();
      await local.stop();
    },
  };
}
