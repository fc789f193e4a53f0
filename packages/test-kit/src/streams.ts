import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/** Reads a table's stream from the start, shard by shard, the way Lambda's event source mapping does. */
export class StreamReader {
  private readonly streams: DynamoDBStreamsClient;
  private readonly iterators = new Map<string, string | undefined>();

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.streams = new DynamoDBStreamsClient({
      endpoint: client.config.endpoint as never,
      region: 'us-east-1',
      credentials: client.config.credentials,
    });
  }

  /** Every record written since the previous call (all records on the first call), as Lambda would pass them. */
  async next(): Promise<DynamoDBStreamEvent> {
    const { Table } = await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`Table ${this.tableName} has no stream`);
    const { StreamDescription } = await this.streams.send(
      new DescribeStreamCommand({ StreamArn: streamArn }),
    );
    const records: DynamoDBRecord[] = [];
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId as string;
      let iterator = this.iterators.has(shardId)
        ? this.iterators.get(shardId)
        : (
            await this.streams.send(
              new GetShardIteratorCommand({
                StreamArn: streamArn,
                ShardId: shardId,
                ShardIteratorType: 'TRIM_HORIZON',
              }),
            )
          ).ShardIterator;
      while (iterator) {
        const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
        records.push(...(page.Records ?? []).map((record) => toLambdaRecord(record, streamArn)));
        const exhausted = (page.Records ?? []).length === 0;
        iterator = page.NextShardIterator;
        if (exhausted) break;
      }
      this.iterators.set(shardId, iterator);
    }
    return { Records: records };
  }

  destroy(): void {
    this.streams.destroy();
  }
}

function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  return {
    ...(record as unknown as DynamoDBRecord),
    eventSourceARN: streamArn,
  };
}
