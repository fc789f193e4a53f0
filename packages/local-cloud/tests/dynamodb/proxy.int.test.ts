import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AwsRequest } from '../../src/core/protocol';
import { DynamoDbApi } from '../../src/dynamodb/proxy';
import { localEndpoint, uniqueTableName } from './support';

let server: Server;
let endpoint: string;
const seenTargets: string[] = [];

/** A stand-in for the gateway: passes each request to the API and writes its answer back. */
beforeAll(async () => {
  const api = new DynamoDbApi(localEndpoint());
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

  it('answers only DynamoDB and DynamoDB Streams targets', () => {
    const api = new DynamoDbApi('http://127.0.0.1:1');
    const request = (target: string) => ({ target }) as AwsRequest;

    expect(api.accepts(request('DynamoDB_20120810.Query'))).toBe(true);
    expect(api.accepts(request('DynamoDBStreams_20120810.GetRecords'))).toBe(true);
    expect(api.accepts(request('AmazonSQS.SendMessage'))).toBe(false);
  });
});
