import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type DynamoDbLocalProcess, startDynamoDbLocal } from '../../src/dynamodb/dynamoDbLocal';
import { type DynamoDbCall, dynamoDbCall } from '../../src/dynamodb/wire';
import { LocalSnapshots } from '../../src/snapshots';

// A real DynamoDB Local (in memory) and a temporary data folder: a table with a stream, TTL and a GSI is
// snapshotted, changed, and restored into a new table that has its items and index but no stream and no TTL.
let local: DynamoDbLocalProcess;
let call: DynamoDbCall;
let dataDir: string;
let snapshots: LocalSnapshots;

const item = (id: string, amount: number) => ({
  PK: { S: `USER#u` },
  SK: { S: `EXPENSE#${id}` },
  GSI1PK: { S: 'USER#u#MONTH#2026-12' },
  GSI1SK: { S: `2026-12-01#${id}` },
  amount: { N: String(amount) },
  tags: { L: [{ S: 'a' }] },
});

const scan = async (table: string) =>
  (
    await call<{ Items: Record<string, { S?: string; N?: string }>[] }>('Scan', { TableName: table })
  ).Items.map((i) => `${i.SK?.S}=${i.amount?.N}`).sort();

beforeAll(async () => {
  local = await startDynamoDbLocal({});
  call = dynamoDbCall(local.endpoint);
  dataDir = await mkdtemp(join(tmpdir(), 'snapshots-'));
  snapshots = new LocalSnapshots(call, dataDir);
  await call('CreateTable', {
    TableName: 'spendwise-dev-expenses',
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
      { AttributeName: 'GSI1PK', AttributeType: 'S' },
      { AttributeName: 'GSI1SK', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'GSI1',
        KeySchema: [
          { AttributeName: 'GSI1PK', KeyType: 'HASH' },
          { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  });
  await call('UpdateTimeToLive', {
    TableName: 'spendwise-dev-expenses',
    TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
  });
  for (let i = 0; i < 60; i += 1) {
    await call('PutItem', { TableName: 'spendwise-dev-expenses', Item: item(String(i).padStart(3, '0'), i) });
  }
}, 60_000);

afterAll(async () => {
  await local?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('local snapshots', () => {
  it('restores a snapshot into a new table with its items and indexes, without stream or TTL', async () => {
    const manifest = await snapshots.create('before');
    await call('DeleteItem', {
      TableName: 'spendwise-dev-expenses',
      Key: { PK: { S: 'USER#u' }, SK: { S: 'EXPENSE#000' } },
    });
    await call('PutItem', { TableName: 'spendwise-dev-expenses', Item: item('late', 999) });

    const result = await snapshots.restore('before', { suffix: 'r1' });

    const restored = 'spendwise-dev-expenses-restored-r1';
    expect(manifest.tables).toEqual([
      expect.objectContaining({
        tableName: 'spendwise-dev-expenses',
        itemCount: 60,
        stream: { StreamViewType: 'NEW_IMAGE' },
        ttl: { AttributeName: 'expiresAt' },
      }),
    ]);
    expect(manifest.s3Files).toBeUndefined();
    expect(result.tables).toEqual([{ source: 'spendwise-dev-expenses', tableName: restored, items: 60 }]);
    const before = Array.from({ length: 60 }, (_, i) => `EXPENSE#${String(i).padStart(3, '0')}=${i}`).sort();
    expect(await scan(restored)).toEqual(before);
    expect(await scan('spendwise-dev-expenses')).toContain('EXPENSE#late=999');
    const { Table } = await call<{ Table: Record<string, unknown> & { GlobalSecondaryIndexes?: unknown[] } }>(
      'DescribeTable',
      { TableName: restored },
    );
    expect(Table.StreamSpecification).toBeUndefined();
    expect(Table.GlobalSecondaryIndexes).toHaveLength(1);
    const ttl = await call<{ TimeToLiveDescription: { TimeToLiveStatus: string } }>('DescribeTimeToLive', {
      TableName: restored,
    });
    expect(ttl.TimeToLiveDescription.TimeToLiveStatus).toBe('DISABLED');
    const byIndex = await call<{ Count: number }>('Query', {
      TableName: restored,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :p',
      ExpressionAttributeValues: { ':p': { S: 'USER#u#MONTH#2026-12' } },
    });
    expect(byIndex.Count).toBe(60);
  }, 60_000);

  it('copies the local S3 folder when there is one, and lists snapshots oldest first', async () => {
    await mkdir(join(dataDir, 's3', 'bucket', 'receipts'), { recursive: true });
    await writeFile(join(dataDir, 's3', 'bucket', 'receipts', 'a'), 'x');

    const manifest = await snapshots.create('with-receipts');

    expect(manifest.s3Files).toBe(1);
    expect((await snapshots.list()).map((s) => s.name)).toEqual(['before', 'with-receipts']);
  }, 60_000);

  it('refuses bad names, unknown snapshots and existing targets before writing anything', async () => {
    await expect(snapshots.create('../x')).rejects.toMatchObject({
      code: 'InvalidSnapshotName',
      status: 400,
    });
    await expect(snapshots.create('before')).rejects.toMatchObject({ code: 'SnapshotExists', status: 409 });
    await expect(snapshots.restore('nope')).rejects.toMatchObject({ code: 'SnapshotNotFound', status: 404 });
    await expect(snapshots.restore('before', { suffix: 'r1' })).rejects.toMatchObject({
      code: 'TableAlreadyExists',
      status: 409,
    });
    await expect(snapshots.restore('before', { tables: ['other'] })).rejects.toMatchObject({
      code: 'TableNotInSnapshot',
    });
    const { TableNames } = await call<{ TableNames: string[] }>('ListTables', {});
    expect(TableNames.sort()).toEqual(['spendwise-dev-expenses', 'spendwise-dev-expenses-restored-r1']);
  }, 60_000);
});
