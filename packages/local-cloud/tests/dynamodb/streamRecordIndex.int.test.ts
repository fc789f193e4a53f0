import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { startDynamoDbLocal } from '../../src/dynamodb/dynamoDbLocal';
import { dynamoDbCall } from '../../src/dynamodb/wire';

/** What this test uses of Node's built-in `node:sqlite` (the tests run on Node 24; @types/node follows Node 20). */
interface SqliteDatabase {
  prepare(sql: string): { all(): unknown[] };
  exec(sql: string): void;
  close(): void;
}
const { DatabaseSync } = process.getBuiltinModule('node:sqlite') as {
  DatabaseSync: new (path: string, options?: { readOnly?: boolean }) => SqliteDatabase;
};

/** The indexes of DynamoDB Local's stream-record table, read from its database file. */
function streamRecordIndexes(dataDir: string): Array<{ name: string; sql: string }> {
  const db = new DatabaseSync(join(dataDir, 'dynamodb', 'shared-local-instance.db'), { readOnly: true });
  try {
    return db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'us' AND sql IS NOT NULL",
      )
      .all() as Array<{ name: string; sql: string }>;
  } finally {
    db.close();
  }
}

const table = (name: string) => ({
  TableName: name,
  AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
});

async function recordsOf(endpoint: string, tableName: string): Promise<string[]> {
  const call = dynamoDbCall(endpoint);
  const { Table } = await call<{ Table: { LatestStreamArn: string } }>('DescribeTable', {
    TableName: tableName,
  });
  const { StreamDescription } = await call<{ StreamDescription: { Shards: Array<{ ShardId: string }> } }>(
    'DescribeStream',
    { StreamArn: Table.LatestStreamArn },
    'DynamoDBStreams',
  );
  const keys: string[] = [];
  for (const { ShardId } of StreamDescription.Shards) {
    const { ShardIterator } = await call<{ ShardIterator: string }>(
      'GetShardIterator',
      { StreamArn: Table.LatestStreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' },
      'DynamoDBStreams',
    );
    const page = await call<{ Records: Array<{ dynamodb: { Keys: { PK: { S: string } } } }> }>(
      'GetRecords',
      { ShardIterator, Limit: 1000 },
      'DynamoDBStreams',
    );
    keys.push(...page.Records.map((record) => record.dynamodb.Keys.PK.S));
  }
  return keys;
}

let dataDir: string | undefined;
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

describe('DynamoDB Local’s stream records, indexed by shard', () => {
  it('has the shard index from the first start of a new database file, and streams still read every record', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-'));
    const db = await startDynamoDbLocal({ dataDir });
    try {
      const call = dynamoDbCall(db.endpoint);
      for (const name of ['quiet', 'busy']) await call('CreateTable', table(name));
      await call('PutItem', { TableName: 'quiet', Item: { PK: { S: 'q-1' } } });
      for (let n = 0; n < 30; n += 1)
        await call('PutItem', { TableName: 'busy', Item: { PK: { S: `b-${n}` } } });
      await call('PutItem', { TableName: 'quiet', Item: { PK: { S: 'q-2' } } });

      expect(streamRecordIndexes(dataDir)).toEqual([
        { name: 'us*ShardID', sql: 'CREATE INDEX "us*ShardID" ON us (ShardID)' },
        { name: 'us*StreamID', sql: 'CREATE INDEX "us*StreamID" ON us (StreamID)' },
      ]);
      // Records of two tables' shards interleave in the one table: each shard still reads exactly its own.
      expect(await recordsOf(db.endpoint, 'quiet')).toEqual(['q-1', 'q-2']);
      expect(await recordsOf(db.endpoint, 'busy')).toEqual(Array.from({ length: 30 }, (_, n) => `b-${n}`));
    } finally {
      await db.stop();
    }
  }, 60_000);

  it('adds the index to a database file written without it, keeping its records', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'local-cloud-'));
    const first = await startDynamoDbLocal({ dataDir });
    await dynamoDbCall(first.endpoint)('CreateTable', table('kept'));
    await dynamoDbCall(first.endpoint)('PutItem', { TableName: 'kept', Item: { PK: { S: 'k-1' } } });
    await first.stop();
    const file = new DatabaseSync(join(dataDir, 'dynamodb', 'shared-local-instance.db'));
    file.exec('DROP INDEX "us*ShardID"; DROP INDEX "us*StreamID"');
    file.close();
    expect(streamRecordIndexes(dataDir)).toEqual([]);

    const second = await startDynamoDbLocal({ dataDir });
    try {
      expect(streamRecordIndexes(dataDir).map((index) => index.name)).toEqual(['us*ShardID', 'us*StreamID']);
      expect(await recordsOf(second.endpoint, 'kept')).toEqual(['k-1']);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
