import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadTemplate, packageServices } from '@spendwise/packager';
import { resolveIntrinsics } from '../../src/deploy/intrinsics';
import type { ResolveScope } from '../../src/deploy/scope';
import { resourceOf, streamHarness, uniqueTableName } from './support';

const rootDir = fileURLToPath(new URL('../../../..', import.meta.url));
let expensesTable: Record<string, unknown>;

beforeAll(async () => {
  const [expenses] = await packageServices({
    rootDir,
    stage: 'dev',
    region: 'eu-west-1',
    services: ['expenses'],
  });
  const template = await loadTemplate(expenses!.dir);
  const scope = {
    stack: 'expenses',
    owner: 'resource ExpensesTable',
    ref: () => undefined,
  } as unknown as ResolveScope;
  expensesTable = resolveIntrinsics(template.Resources.ExpensesTable?.Properties, scope) as Record<
    string,
    unknown
  >;
}, 600_000);

describe('AWS::DynamoDB::Table provider', () => {
  it('creates the expenses table of the real template with its indexes, stream and TTL', async () => {
    const { tables, cloud, call } = streamHarness();
    const tableName = uniqueTableName('spendwise-dev-expenses');

    const created = await tables.create(
      resourceOf('ExpensesTable', 'AWS::DynamoDB::Table', { ...expensesTable, TableName: tableName }),
      cloud,
    );

    const { Table } = await call<{ Table: Record<string, unknown> }>('DescribeTable', {
      TableName: tableName,
    });
    expect(created.ref).toBe(tableName);
    expect(created.attributes.Arn).toBe(`arn:aws:dynamodb:eu-west-1:000000000000:table/${tableName}`);
    expect(created.attributes.StreamArn).toBe(Table.LatestStreamArn);
    expect(Table.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    expect((Table.GlobalSecondaryIndexes as { IndexName: string }[]).map((i) => i.IndexName).sort()).toEqual([
      'GSI1',
      'GSI2',
      'OutboxByAge',
    ]);
    expect(Table.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    const ttl = await call<{ TimeToLiveDescription: unknown }>('DescribeTimeToLive', {
      TableName: tableName,
    });
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    expect(cloud.config.region).toBe('eu-west-1');
  });

  it('accepts PITR, SSE and Tags without a report but reports what DynamoDB Local cannot do', async () => {
    const { tables, cloud, recorded } = streamHarness();
    const properties = {
      ...expensesTable,
      TableName: uniqueTableName('t'),
      KinesisStreamSpecification: { StreamArn: 'x' },
    };

    await tables.create(resourceOf('ExpensesTable', 'AWS::DynamoDB::Table', properties), cloud);

    expect(recorded.unsupported.map((u) => u.property)).toEqual(['KinesisStreamSpecification']);
  });

  it('keeps an existing table and its data, and reports a key schema that differs', async () => {
    const { tables, cloud, call, recorded } = streamHarness();
    const tableName = uniqueTableName('kept');
    const resource = resourceOf('ExpensesTable', 'AWS::DynamoDB::Table', {
      ...expensesTable,
      TableName: tableName,
    });
    await tables.create(resource, cloud);
    await call('PutItem', { TableName: tableName, Item: { PK: { S: 'a' }, SK: { S: 'b' } } });

    await tables.create(resource, cloud);
    const changedKeys = { ...resource.properties, KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }] };
    await tables.create({ ...resource, properties: changedKeys }, cloud);

    const { Count } = await call<{ Count: number }>('Scan', { TableName: tableName, Select: 'COUNT' });
    expect(Count).toBe(1);
    expect(recorded.unsupported).toEqual([
      expect.objectContaining({
        logicalId: 'ExpensesTable',
        property: 'KeySchema',
        reason: expect.stringContaining(tableName),
      }),
    ]);
  });

  it('gives a table without TableName a stable generated name', async () => {
    const { tables, cloud } = streamHarness();
    const { TableName: _omitted, ...unnamed } = expensesTable;
    const logicalId = `Unnamed${Date.now()}`;

    const first = await tables.create(resourceOf(logicalId, 'AWS::DynamoDB::Table', unnamed), cloud);
    const second = await tables.create(resourceOf(logicalId, 'AWS::DynamoDB::Table', unnamed), cloud);

    expect(first.ref).toMatch(new RegExp(`^spendwise-expenses-dev-${logicalId}-[0-9A-F]{12}$`));
    expect(second.ref).toBe(first.ref);
  });
});
