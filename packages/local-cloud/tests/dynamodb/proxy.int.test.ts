import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ResourceNotFoundException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AwsRequest } from '../../src/core/protocol';
import { CapacityMeter } from '../../src/dynamodb/capacityMeter';
import { DynamoDbApi } from '../../src/dynamodb/proxy';
import { localEndpoint, uniqueTableName } from './support';

let server: Server;
let endpoint: string;
let proxy: DynamoDbApi;
const seenTargets: string[] = [];

/** A stand-in for the gateway: passes each request to the API and writes its answer back. */
beforeAll(async () => {
  const api = new DynamoDbApi(localEndpoint());
  proxy = api;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const target = headers['x-amz-target'] ?? '';
      const request: AwsRequest = {
        service: 'dynamodb',
        protocol: 'json',
        action: target.split('.').pop() ?? '',
        target,
        method: req.method ?? 'POST',
        path: '/',
        query: new URLSearchParams(),
        headers,
        body: Buffer.concat(chunks),
        http2: false,
      };
      if (api.accepts(request)) seenTargets.push(target);
      const answer = await api.handle(request);
      const body = answer.body as Buffer;
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const clientConfig = () => ({
  endpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'someone-else', secretAccessKey: 'x' },
});

describe('DynamoDbApi', () => {
  it('carries DynamoDB calls of the real SDK to DynamoDB Local and back unchanged', async () => {
    const client = new DynamoDBClient(clientConfig());
    const TableName = uniqueTableName('proxy');
    await client.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );

    await client.send(new PutItemCommand({ TableName, Item: { PK: { S: 'k' }, amount: { N: '1250' } } }));
    const { Item } = await client.send(new GetItemCommand({ TableName, Key: { PK: { S: 'k' } } }));

    expect(Item).toEqual({ PK: { S: 'k' }, amount: { N: '1250' } });
    expect(seenTargets).toEqual(
      expect.arrayContaining([
        'DynamoDB_20120810.CreateTable',
        'DynamoDB_20120810.PutItem',
        'DynamoDB_20120810.GetItem',
      ]),
    );
    client.destroy();
  });

  it('carries DynamoDB Streams calls too, on the same data whatever the credentials', async () => {
    const client = new DynamoDBClient(clientConfig());
    const streams = new DynamoDBStreamsClient(clientConfig());
    const TableName = uniqueTableName('proxy-stream');
    await client.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));

    const { Streams } = await streams.send(new ListStreamsCommand({ TableName }));
    const { StreamDescription } = await streams.send(
      new DescribeStreamCommand({ StreamArn: Table?.LatestStreamArn }),
    );

    expect(Streams?.map((s) => s.StreamArn)).toEqual([Table?.LatestStreamArn]);
    expect(StreamDescription?.TableName).toBe(TableName);
    expect(seenTargets).toContain('DynamoDBStreams_20120810.DescribeStream');
    client.destroy();
    streams.destroy();
  });

  it('passes errors through so the SDK raises the right exception class', async () => {
    const client = new DynamoDBClient(clientConfig());

    const failure = client.send(new DescribeTableCommand({ TableName: uniqueTableName('missing') }));

    await expect(failure).rejects.toBeInstanceOf(ResourceNotFoundException);
    client.destroy();
  });

  it('adds up the units DynamoDB Local consumed per table and index while a meter is attached', async () => {
    const client = new DynamoDBClient(clientConfig());
    const TableName = uniqueTableName('proxy-meter');
    await client.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [
          { AttributeName: 'PK', AttributeType: 'S' },
          { AttributeName: 'month', AttributeType: 'S' },
        ],
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'ByMonth',
            KeySchema: [{ AttributeName: 'month', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const meter = new CapacityMeter();
    proxy.measure(meter);
    try {
      // 1.5 KB: 2 WRU on the table; the keys-only index entry is small: 1 WRU.
      const put = await client.send(
        new PutItemCommand({
          TableName,
          Item: { PK: { S: 'a' }, month: { S: '2026-12' }, note: { S: 'x'.repeat(1500) } },
        }),
      );
      // A transaction writes twice: two small items, 2 WRU each on the table.
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName, Item: { PK: { S: 'b' } } } },
            { Put: { TableName, Item: { PK: { S: 'c' } } } },
          ],
        }),
      );
      await client.send(new GetItemCommand({ TableName, Key: { PK: { S: 'a' } }, ConsistentRead: true }));

      expect(put.ConsumedCapacity).toBeUndefined();
      expect(meter.tables()).toEqual([
        {
          table: TableName,
          writeUnits: 7,
          readUnits: 1,
          base: { writeUnits: 6, readUnits: 1 },
          indexes: { ByMonth: { writeUnits: 1, readUnits: 0 } },
          calls: { PutItem: 1, TransactWriteItems: 1, GetItem: 1 },
          refusedWrites: 0,
        },
      ]);
    } finally {
      proxy.measure(undefined);
      client.destroy();
    }
  });

  it('answers only DynamoDB and DynamoDB Streams targets', () => {
    const api = new DynamoDbApi('http://127.0.0.1:1');
    const request = (target: string) => ({ target }) as AwsRequest;

    expect(api.accepts(request('DynamoDB_20120810.Query'))).toBe(true);
    expect(api.accepts(request('DynamoDBStreams_20120810.GetRecords'))).toBe(true);
    expect(api.accepts(request('AmazonSQS.SendMessage'))).toBe(false);
  });
});
