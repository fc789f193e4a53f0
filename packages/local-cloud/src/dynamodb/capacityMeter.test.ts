import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { AwsRequest } from '../core/protocol';
import { batchGetUnits, CapacityMeter, itemSize, multiItemUnits, type TableShape } from './capacityMeter';
import { DynamoDbApi } from './proxy';

/** A stand-in for DynamoDB Local: answers every call with a fixed consumption when asked for one. */
const received: Array<Record<string, unknown>> = [];
let refuseNext = false;
const CONSUMED = {
  TableName: 'expenses',
  CapacityUnits: 4,
  Table: { CapacityUnits: 2 },
  GlobalSecondaryIndexes: { byMonth: { CapacityUnits: 1 }, byCategory: { CapacityUnits: 1 } },
};

function answerOf(input: Record<string, unknown>): { status: number; body: string } {
  if (refuseNext) {
    refuseNext = false;
    return {
      status: 400,
      body: JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
        message: 'The conditional request failed',
      }),
    };
  }
  const asked = input.ReturnConsumedCapacity;
  if (asked === 'INDEXES') return { status: 200, body: JSON.stringify({ ConsumedCapacity: CONSUMED }) };
  if (asked === 'TOTAL')
    return {
      status: 200,
      body: JSON.stringify({ ConsumedCapacity: { TableName: 'expenses', CapacityUnits: 4 } }),
    };
  return { status: 200, body: '{}' };
}

let fakeLocal: Server;
let gateway: Server;
let api: DynamoDbApi;
let endpoint: string;

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const readBody = (req: import('node:http').IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

beforeAll(async () => {
  fakeLocal = createServer(async (req, res) => {
    const input = JSON.parse((await readBody(req)).toString('utf8'));
    received.push(input);
    const { status, body } = answerOf(input);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-crc32': String(crc32(Buffer.from(body))),
    });
    res.end(body);
  });
  api = new DynamoDbApi(await listen(fakeLocal));
  // The gateway's part: the request handed to the API, its answer written back.
  gateway = createServer(async (req, res) => {
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
      body: await readBody(req),
      http2: false,
    };
    const answer = await api.handle(request);
    const body = answer.body as Buffer;
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(body.length) });
    res.end(body);
  });
  endpoint = await listen(gateway);
});

afterAll(async () => {
  await new Promise((resolve) => gateway.close(resolve));
  await new Promise((resolve) => fakeLocal.close(resolve));
});

beforeEach(() => {
  received.length = 0;
  api.measure(undefined);
});

const client = () =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    maxAttempts: 1,
  });

const put = (ReturnConsumedCapacity?: 'INDEXES' | 'TOTAL' | 'NONE') =>
  new PutItemCommand({
    TableName: 'expenses',
    Item: { PK: { S: 'USER#1' } },
    ...(ReturnConsumedCapacity ? { ReturnConsumedCapacity } : {}),
  });

describe('CapacityMeter', () => {
  it('adds units per table, base table and index, and counts calls per operation', () => {
    const meter = new CapacityMeter();
    meter.record('TransactWriteItems', [CONSUMED, { TableName: 'idem', CapacityUnits: 2 }]);
    meter.record('GetItem', { TableName: 'expenses', CapacityUnits: 0.5, Table: { CapacityUnits: 0.5 } });
    meter.record('Query', {
      TableName: 'expenses',
      CapacityUnits: 0.5,
      Table: { CapacityUnits: 0 },
      GlobalSecondaryIndexes: { byMonth: { CapacityUnits: 0.5 } },
    });
    const [expenses, idem] = meter.tables();
    expect(expenses).toEqual({
      table: 'expenses',
      readUnits: 1,
      writeUnits: 4,
      base: { readUnits: 0.5, writeUnits: 2 },
      indexes: { byMonth: { readUnits: 0.5, writeUnits: 1 }, byCategory: { readUnits: 0, writeUnits: 1 } },
      calls: { TransactWriteItems: 1, GetItem: 1, Query: 1 },
      refusedWrites: 0,
    });
    // No Table breakdown: all of it is the base table's.
    expect(idem).toMatchObject({ writeUnits: 2, base: { readUnits: 0, writeUnits: 2 }, indexes: {} });
  });

  it('counts refused writes on every table the request names, and no reads', () => {
    const meter = new CapacityMeter();
    meter.recordRefused('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: 'a' } },
        { ConditionCheck: { TableName: 'b' } },
        { Update: { TableName: 'a' } },
      ],
    });
    meter.recordRefused('PutItem', { TableName: 'a' });
    meter.recordRefused('GetItem', { TableName: 'a' });
    expect(meter.tables().map((t) => [t.table, t.refusedWrites])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });
});

describe('DynamoDbApi.measure', () => {
  it('forwards calls untouched and records nothing while no meter is attached', async () => {
    await client().send(put());
    expect(received).toEqual([{ TableName: 'expenses', Item: { PK: { S: 'USER#1' } } }]);
  });

  it('asks for INDEXES, records the units and answers without ConsumedCapacity when none was asked', async () => {
    const meter = new CapacityMeter();
    api.measure(meter);
    // The SDK checks x-amz-crc32: a body changed without its checksum would fail here.
    const answer = await client().send(put());
    expect(received[0]?.ReturnConsumedCapacity).toBe('INDEXES');
    expect(answer.ConsumedCapacity).toBeUndefined();
    expect(meter.tables()).toEqual([
      expect.objectContaining({ table: 'expenses', writeUnits: 4, calls: { PutItem: 1 } }),
    ]);
  });

  it('gives the caller the TOTAL or INDEXES it asked for', async () => {
    api.measure(new CapacityMeter());
    const total = await client().send(put('TOTAL'));
    expect(total.ConsumedCapacity).toEqual({ TableName: 'expenses', CapacityUnits: 4 });
    const indexes = await client().send(put('INDEXES'));
    expect(indexes.ConsumedCapacity).toEqual(CONSUMED);
  });

  it('counts a write refused by its condition, and passes the error on', async () => {
    const meter = new CapacityMeter();
    api.measure(meter);
    refuseNext = true;
    await expect(client().send(put())).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(meter.tables()).toEqual([expect.objectContaining({ table: 'expenses', refusedWrites: 1 })]);
  });

  it('stops recording once the meter is detached', async () => {
    const meter = new CapacityMeter();
    api.measure(meter);
    api.measure(undefined);
    await client().send(put());
    expect(meter.tables()).toEqual([]);
    expect(received[0]?.ReturnConsumedCapacity).toBeUndefined();
  });
});

describe('batchGetUnits', () => {
  const key = (sk: string) => ({ PK: { S: 'USER#u' }, SK: { S: sk } });

  it('bills every key read as a GetItem: per started 4 KB of its item, the minimum for a missing one', () => {
    const big = { ...key('B'), blob: { S: 'x'.repeat(5000) } };
    const units = batchGetUnits(
      {
        RequestItems: {
          insights: { Keys: [key('A'), key('B'), key('missing'), key('later')], ConsistentRead: true },
          catalog: { Keys: [key('C')] },
        },
      },
      {
        Responses: { insights: [key('A'), big], catalog: [key('C')] },
        UnprocessedKeys: { insights: { Keys: [key('later')] } },
      },
    );
    expect(units).toEqual([
      // A 1, B 2 (5 KB), the missing key 1; the unprocessed key was not read.
      { TableName: 'insights', CapacityUnits: 4, Table: { CapacityUnits: 4 } },
      // Eventually consistent: half.
      { TableName: 'catalog', CapacityUnits: 0.5, Table: { CapacityUnits: 0.5 } },
    ]);
  });
});

describe('multiItemUnits', () => {
  const shapes = new Map<string, TableShape>([
    [
      'expenses',
      {
        keys: ['PK', 'SK'],
        indexes: [
          { name: 'GSI1', keys: ['GSI1PK'], projection: 'ALL' },
          { name: 'OutboxByAge', keys: ['outbox'], projection: 'KEYS_ONLY' },
        ],
      },
    ],
  ]);
  const big = 'x'.repeat(1500);

  it('sizes items as DynamoDB bills them: names plus values', () => {
    expect(itemSize({ PK: { S: 'USER#1' } })).toBe(2 + 6);
    expect(itemSize({ n: { N: '1250' } })).toBe(1 + 3);
    expect(itemSize({ ok: { BOOL: true }, m: { M: { a: { S: 'bc' } } } })).toBe(2 + 1 + (1 + 3 + 1 + 1 + 2));
  });

  it('bills every item of a transaction twice, per started KB of its larger image, and its index entries', () => {
    const units = multiItemUnits(
      [
        // a new expense with its GSI1 entry: 2 KB → 2 × 2 on the table, 2 × 2 on GSI1
        {
          table: 'expenses',
          before: undefined,
          after: { PK: { S: 'a' }, GSI1PK: { S: 'm' }, d: { S: big } },
        },
        // a new outbox record, small, in the keys-only index: 2 × 1 + 2 × 1
        { table: 'expenses', before: undefined, after: { PK: { S: 'o' }, outbox: { S: '1' } } },
        // a condition check on a small item: 2 × 1 on the table, nothing on the indexes
        { table: 'expenses', before: { PK: { S: 'c' } }, after: { PK: { S: 'c' } }, checkOnly: true },
      ],
      shapes,
      2,
    );
    expect(units).toEqual([
      {
        TableName: 'expenses',
        CapacityUnits: 4 + 4 + 2 + 2 + 2,
        Table: { CapacityUnits: 4 + 2 + 2 },
        GlobalSecondaryIndexes: { GSI1: { CapacityUnits: 4 }, OutboxByAge: { CapacityUnits: 2 } },
      },
    ]);
  });

  it('bills a moved index entry as a delete and a put, an unchanged keys-only entry not at all, deletes by the old item', () => {
    const units = multiItemUnits(
      [
        {
          table: 'expenses',
          before: { PK: { S: 'a' }, GSI1PK: { S: 'm1' }, outbox: { S: '1' }, n: { N: '1' } },
          after: { PK: { S: 'a' }, GSI1PK: { S: 'm2' }, outbox: { S: '1' }, n: { N: '2' } },
        },
        {
          table: 'expenses',
          before: { PK: { S: 'b' }, outbox: { S: '2' }, d: { S: big } },
          after: undefined,
        },
      ],
      shapes,
      1,
    );
    expect(units).toEqual([
      {
        TableName: 'expenses',
        // the update: 1 + GSI1 moved (1 + 1); the delete: 2 (1.5 KB) + OutboxByAge 1
        CapacityUnits: 1 + 2 + 2 + 1,
        Table: { CapacityUnits: 1 + 2 },
        GlobalSecondaryIndexes: { GSI1: { CapacityUnits: 2 }, OutboxByAge: { CapacityUnits: 1 } },
      },
    ]);
  });
});
