import { afterEach, describe, expect, it } from '@jest/globals';
import type { LambdaStreamRecord } from '../../src/dynamodb/streams/records';
import { TtlDeletions } from '../../src/dynamodb/ttlDeletions';
import { TtlSweeper } from '../../src/dynamodb/ttlSweeper';
import type { DynamoDbCall } from '../../src/dynamodb/wire';
import { resourceOf, streamHarness, streamTableProperties, uniqueTableName, waitFor } from './support';

let harness: ReturnType<typeof streamHarness> | undefined;

afterEach(async () => {
  await harness?.engine.stop();
  harness = undefined;
});

/**
 * A harness whose sweeper clock runs two hours ahead of `now`, and a new stream table with TTL on `expiresAt`.
 * Items that expire within the hour are then expired for the sweeper only, not for DynamoDB Local itself.
 */
async function aTtlTable(prefix: string) {
  const now = Math.floor(Date.now() / 1000);
  harness = streamHarness(() => now + 7200);
  const { call, tables, cloud } = harness;
  const tableName = uniqueTableName(prefix);
  await tables.create(resourceOf('T', 'AWS::DynamoDB::Table', streamTableProperties(tableName)), cloud);
  return { now, call, tableName };
}

describe('TTL sweeper', () => {
  it('deletes only items whose numeric TTL is in the past, and the REMOVE carries the DynamoDB service identity', async () => {
    // Items expire an hour from now, and the sweeper's clock runs two hours ahead: DynamoDB Local (which
    // expires items itself since 2.x) leaves them alone, so only the sweeper can delete them.
    const now = Math.floor(Date.now() / 1000);
    harness = streamHarness(() => now + 7200);
    const { call, tables, mappings, cloud, engine, recorded } = harness;
    const tableName = uniqueTableName('ttl');
    const table = await tables.create(
      resourceOf('T', 'AWS::DynamoDB::Table', streamTableProperties(tableName)),
      cloud,
    );
    const item = (id: string, expiresAt: Record<string, string>) =>
      call('PutItem', { TableName: tableName, Item: { PK: { S: id }, SK: { S: id }, expiresAt } });
    await item('expired', { N: String(now + 3600) });
    await item('future', { N: String(now + 3 * 86_400) });
    await item('not-a-number', { S: String(now + 3600) });

    // Only this test's table: DynamoDB Local is shared with tests running at the same time.
    const deleted = await engine.ttlSweeper.sweepOnce([tableName]);

    expect(deleted).toBe(1);
    const { Items } = await call<{ Items: { PK: { S: string } }[] }>('Scan', { TableName: tableName });
    expect(Items.map((i) => i.PK.S).sort()).toEqual(['future', 'not-a-number']);

    await mappings.create(
      resourceOf('M', 'AWS::Lambda::EventSourceMapping', {
        FunctionName: 'relay',
        EventSourceArn: table.attributes.StreamArn,
        StartingPosition: 'TRIM_HORIZON',
        FilterCriteria: { Filters: [{ Pattern: '{"eventName":["REMOVE"]}' }] },
      }),
      cloud,
    );
    await waitFor(() => recorded.invocations.length >= 1);
    const [removal] = (recorded.invocations[0]!.payload as { Records: LambdaStreamRecord[] }).Records;
    expect(removal?.dynamodb.Keys).toEqual({ PK: { S: 'expired' }, SK: { S: 'expired' } });
    expect(removal?.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
  });

  it('works through a table one bounded page per step, resuming where it stopped and starting over at the end', async () => {
    const { now, call, tableName } = await aTtlTable('ttl-steps');
    for (const id of ['a', 'b', 'c', 'd', 'e'])
      await call('PutItem', {
        TableName: tableName,
        Item: { PK: { S: id }, SK: { S: id }, expiresAt: { N: String(now + 3600) } },
      });
    await call('PutItem', {
      TableName: tableName,
      Item: { PK: { S: 'kept' }, SK: { S: 'kept' }, expiresAt: { N: String(now + 3 * 86_400) } },
    });
    const sweeper = new TtlSweeper(call, new TtlDeletions(), {
      intervalSeconds: 3600,
      pageSize: 2,
      now: () => now + 7200,
    });
    const left = async () =>
      (await call<{ Count: number }>('Scan', { TableName: tableName, Select: 'COUNT' })).Count;

    // Six items, two read per step: three steps cover the table, and each deletes at most what it read.
    const perStep = [
      await sweeper.step([tableName]),
      await sweeper.step([tableName]),
      await sweeper.step([tableName]),
    ];

    expect(perStep.every((deleted) => deleted <= 2)).toBe(true);
    expect(perStep.reduce((sum, deleted) => sum + deleted, 0) + (await left())).toBe(6);
    // What a page deletes is behind the cursor; the next item to expire is found on the next round.
    await sweeper.step([tableName]);
    await call('PutItem', {
      TableName: tableName,
      Item: { PK: { S: 'f' }, SK: { S: 'f' }, expiresAt: { N: String(now + 3600) } },
    });
    for (let round = 0; round < 4; round += 1) await sweeper.step([tableName]);
    const { Items } = await call<{ Items: { PK: { S: string } }[] }>('Scan', { TableName: tableName });
    expect(Items.map((item) => item.PK.S)).toEqual(['kept']);
  });

  it('walks a table larger than a segment in parallel-scan segments sized from what it scanned, deleting every expired item', async () => {
    const { now, call, tableName } = await aTtlTable('ttl-segments');
    const expired = Array.from({ length: 24 }, (_, i) => `expired-${i}`);
    const kept = Array.from({ length: 24 }, (_, i) => `kept-${i}`);
    for (const id of [...expired, ...kept])
      await call('PutItem', {
        TableName: tableName,
        Item: {
          PK: { S: id },
          SK: { S: id },
          expiresAt: { N: String(id.startsWith('expired') ? now + 3600 : now + 3 * 86_400) },
        },
      });
    const scans: { segment?: number; segments?: number }[] = [];
    const recording: DynamoDbCall = (operation, body, api) => {
      if (operation === 'Scan') {
        const { Segment, TotalSegments } = body as { Segment?: number; TotalSegments?: number };
        scans.push({ segment: Segment, segments: TotalSegments });
      }
      return call(operation, body, api);
    };
    // Two items a page and segments of about four: the first pass finds its one segment over four times that,
    // starts again finer, and the passes after it are sized by the 24 items left (six segments).
    const sweeper = new TtlSweeper(recording, new TtlDeletions(), {
      intervalSeconds: 3600,
      pageSize: 2,
      segmentItems: 4,
      now: () => now + 7200,
    });
    const sixSegments = () => scans.some((scan) => scan.segments === 6);
    for (let step = 0; step < 300 && !sixSegments(); step += 1) await sweeper.step([tableName]);

    const { Items } = await call<{ Items: { PK: { S: string } }[] }>('Scan', { TableName: tableName });
    expect(Items.map((item) => item.PK.S).sort()).toEqual([...kept].sort());
    expect(scans[0]).toEqual({ segment: undefined, segments: undefined });
    expect(sixSegments()).toBe(true);
    // The one-segment start read nine pages (18 items, over four times four) before it split.
    expect(scans.findIndex((scan) => scan.segments !== undefined)).toBe(9);
  });

  it('reads a table’s key schema once, not with every refresh of the table list, and again when the table is created anew with other keys', async () => {
    const { now, call, tableName } = await aTtlTable('ttl-keys');
    const described: string[] = [];
    const counting: DynamoDbCall = (operation, body, api) => {
      if (operation === 'DescribeTable') described.push(String((body as { TableName: string }).TableName));
      return call(operation, body, api);
    };
    // tablesRefreshMs 0: every step reads the list of TTL tables again.
    const sweeper = new TtlSweeper(counting, new TtlDeletions(), {
      intervalSeconds: 3600,
      tablesRefreshMs: 0,
      now: () => now + 7200,
    });
    for (let step = 0; step < 3; step += 1) await sweeper.step([tableName]);
    expect(described.filter((name) => name === tableName)).toHaveLength(1);

    // The same name, now keyed by `id` alone: the stale keys fail once, then the table is read again.
    await call('DeleteTable', { TableName: tableName });
    await call('CreateTable', {
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    });
    await call('UpdateTimeToLive', {
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    await call('PutItem', {
      TableName: tableName,
      Item: { id: { S: 'expired' }, expiresAt: { N: String(now + 3600) } },
    });
    let deleted = 0;
    for (let step = 0; step < 3; step += 1) deleted += await sweeper.step([tableName]);

    expect(deleted).toBe(1);
    expect(described.filter((name) => name === tableName)).toHaveLength(2);
  });
});
