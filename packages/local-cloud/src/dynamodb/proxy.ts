import { request as httpRequest } from 'node:http';
import { crc32 } from 'node:zlib';
import type { AwsApi, AwsRequest, AwsResponse } from '../core/protocol';
import {
  batchGetUnits,
  CAPACITY_OPERATIONS,
  type CapacityMeter,
  type ConsumedCapacity,
  type Item,
  type ItemWrite,
  multiItemUnits,
  type TableShape,
} from './capacityMeter';
import { type DynamoDbCall, dynamoDbCall, LOCAL_AUTHORIZATION } from './wire';

/** Request headers that matter to DynamoDB Local (signing, operation, SDK retry bookkeeping). */
const FORWARDED_REQUEST_HEADERS = [
  'content-type',
  'x-amz-target',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'x-amz-user-agent',
  'user-agent',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
];

/** Hop-by-hop headers the gateway writes itself. */
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'date',
  'server',
]);

/**
 * The DynamoDB and DynamoDB Streams APIs of the shared endpoint: a transparent proxy to DynamoDB Local.
 * Status, headers (x-amz-crc32 included) and body come back byte for byte, so SDK v3 and the CLI behave as
 * against DynamoDB. The caller's Authorization is replaced by a fixed one: DynamoDB Local runs with -sharedDb
 * and never verifies signatures, so the identity means nothing to it, but since 2.x it rejects access key ids
 * that are not letters and digits (`UnrecognizedClientException` for e.g. `test-key`) and requests without
 * one (`--no-sign-request`).
 *
 * With a meter attached (`measure`, opt-in, for the cost model) calls that can report their consumed capacity are
 * forwarded asking for it per index, the meter adds it up, and the answer is given back as the caller asked for it
 * (its `x-amz-crc32` recomputed when the body had to change).
 *
 * @example gateway.mount(new DynamoDbApi(dynamoDbLocal.endpoint));
 */
export class DynamoDbApi implements AwsApi {
  readonly services = ['dynamodb'] as const;
  private meter: CapacityMeter | undefined;
  private readonly shapes = new Map<string, TableShape>();
  private readonly call: DynamoDbCall;

  constructor(private readonly endpoint: string) {
    this.call = dynamoDbCall(endpoint);
  }

  /** Starts (or, with undefined, stops) adding every call's consumed capacity to `meter`. */
  measure(meter: CapacityMeter | undefined): void {
    this.meter = meter;
  }

  accepts(request: AwsRequest): boolean {
    const target = request.target ?? '';
    return target.startsWith('DynamoDB_20120810.') || target.startsWith('DynamoDBStreams_20120810.');
  }

  handle(request: AwsRequest): Promise<AwsResponse> {
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (value !== undefined) headers[name] = value;
    }
    headers.authorization = LOCAL_AUTHORIZATION;
    const operation = (request.target ?? '').startsWith('DynamoDB_20120810.')
      ? (request.target ?? '').slice('DynamoDB_20120810.'.length)
      : '';
    const meter = this.meter;
    if (meter && CAPACITY_OPERATIONS[operation]) return this.measured(meter, operation, request, headers);
    headers['content-length'] = String(request.body.length);
    return forward(this.endpoint, request.method, headers, request.body);
  }

  private async measured(
    meter: CapacityMeter,
    operation: string,
    request: AwsRequest,
    headers: Record<string, string>,
  ): Promise<AwsResponse> {
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(request.body.toString('utf8'));
    } catch {
      // Not JSON: DynamoDB Local answers it as it would without the meter.
      headers['content-length'] = String(request.body.length);
      return forward(this.endpoint, request.method, headers, request.body);
    }
    const asked = input.ReturnConsumedCapacity;
    const body =
      asked === 'INDEXES'
        ? request.body
        : Buffer.from(JSON.stringify({ ...input, ReturnConsumedCapacity: 'INDEXES' }));
    headers['content-length'] = String(body.length);
    const multi = MULTI_ITEM_WRITES[operation] ? await this.itemsBefore(operation, input) : undefined;
    const response = await forward(this.endpoint, request.method, headers, body);
    if (response.status !== 200) {
      if (refusedByCondition(response)) meter.recordRefused(operation, input);
      return response;
    }
    const output = JSON.parse((response.body as Buffer).toString('utf8')) as {
      ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[];
    };
    // DynamoDB Local's figure for a call writing several items of one table is not their sum, and for a batch
    // read leaves out the keys it did not find: work them out.
    meter.record(
      operation,
      multi
        ? multiItemUnits(await this.itemsAfter(multi), multi.shapes, multi.factor)
        : operation === 'BatchGetItem'
          ? batchGetUnits(
              input as Parameters<typeof batchGetUnits>[0],
              output as Parameters<typeof batchGetUnits>[1],
            )
          : output.ConsumedCapacity,
    );
    if (asked === 'INDEXES') return response;
    const answered = asCallerAsked(output, asked);
    const text = Buffer.from(JSON.stringify(answered));
    return { ...response, headers: { ...response.headers, 'x-amz-crc32': String(crc32(text)) }, body: text };
  }

  /** The items a multi-item write names, read before it runs (directly from DynamoDB Local: not metered). */
  private async itemsBefore(
    operation: string,
    input: Record<string, unknown>,
  ): Promise<MultiItemCall | undefined> {
    try {
      const named = namedWrites(operation, input);
      const shapes = new Map<string, TableShape>();
      for (const { table } of named) shapes.set(table, await this.shapeOf(table));
      const writes: PendingWrite[] = [];
      for (const { table, key, written } of named) {
        const itemKey = key ?? pick(written as Item, shapes.get(table)?.keys ?? []);
        writes.push({ table, key: itemKey, before: await this.read(table, itemKey), written });
      }
      return { factor: MULTI_ITEM_WRITES[operation] as 1 | 2, shapes, writes };
    } catch {
      return undefined;
    }
  }

  private async itemsAfter(call: MultiItemCall): Promise<ItemWrite[]> {
    const writes: ItemWrite[] = [];
    for (const write of call.writes) {
      if (write.written === 'check')
        writes.push({ table: write.table, before: write.before, after: write.before, checkOnly: true });
      else if (write.written === null)
        writes.push({ table: write.table, before: write.before, after: undefined });
      else if (write.written === undefined)
        writes.push({
          table: write.table,
          before: write.before,
          after: await this.read(write.table, write.key),
        });
      else writes.push({ table: write.table, before: write.before, after: write.written });
    }
    return writes;
  }

  private async read(table: string, key: Item): Promise<Item | undefined> {
    const { Item: item } = await this.call<{ Item?: Item }>('GetItem', {
      TableName: table,
      Key: key,
      ConsistentRead: true,
    });
    return item;
  }

  private async shapeOf(table: string): Promise<TableShape> {
    const known = this.shapes.get(table);
    if (known) return known;
    const { Table } = await this.call<{ Table: DescribedTable }>('DescribeTable', { TableName: table });
    const keysOf = (schema: Array<{ AttributeName: string }>) => schema.map((key) => key.AttributeName);
    const shape: TableShape = {
      keys: keysOf(Table.KeySchema),
      indexes: [...(Table.GlobalSecondaryIndexes ?? []), ...(Table.LocalSecondaryIndexes ?? [])].map(
        (index) => ({
          name: index.IndexName,
          keys: keysOf(index.KeySchema),
          projection: index.Projection?.ProjectionType ?? 'ALL',
          ...(index.Projection?.NonKeyAttributes ? { include: index.Projection.NonKeyAttributes } : {}),
        }),
      ),
    };
    this.shapes.set(table, shape);
    return shape;
  }
}

interface DescribedTable {
  KeySchema: Array<{ AttributeName: string }>;
  GlobalSecondaryIndexes?: DescribedIndex[];
  LocalSecondaryIndexes?: DescribedIndex[];
}

interface DescribedIndex {
  IndexName: string;
  KeySchema: Array<{ AttributeName: string }>;
  Projection?: { ProjectionType?: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
}

const pick = (item: Item, keys: string[]): Item =>
  Object.fromEntries(
    keys.filter((key) => item[key] !== undefined).map((key) => [key, item[key] as Item[string]]),
  );

/** The items a TransactWriteItems or BatchWriteItem request names, with what it writes to each. */
function namedWrites(
  operation: string,
  input: Record<string, unknown>,
): Array<{ table: string; key?: Item; written: PendingWrite['written'] }> {
  type Action = { TableName: string; Item?: Item; Key?: Item };
  if (operation === 'TransactWriteItems') {
    return (input.TransactItems as Array<Record<string, Action>>).map((entry) => {
      const [kind, action] = Object.entries(entry)[0] as [string, Action];
      const written =
        kind === 'Put'
          ? (action.Item as Item)
          : kind === 'Delete'
            ? null
            : kind === 'Update'
              ? undefined
              : 'check';
      return { table: action.TableName, ...(action.Key ? { key: action.Key } : {}), written };
    });
  }
  const requests = input.RequestItems as Record<
    string,
    Array<{ PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }>
  >;
  return Object.entries(requests).flatMap(([table, items]) =>
    items.map((item) =>
      item.PutRequest
        ? { table, written: item.PutRequest.Item }
        : { table, key: item.DeleteRequest?.Key as Item, written: null },
    ),
  );
}

/** Calls that write several items, and how many times each item is written (transactions prepare and commit). */
const MULTI_ITEM_WRITES: Record<string, 1 | 2> = { TransactWriteItems: 2, BatchWriteItem: 1 };

interface PendingWrite {
  table: string;
  key: Item;
  before: Item | undefined;
  /** Put: the item written; Delete: null; Update: undefined (read after the call); ConditionCheck: 'check'. */
  written: Item | null | undefined | 'check';
}

interface MultiItemCall {
  factor: 1 | 2;
  shapes: Map<string, TableShape>;
  writes: PendingWrite[];
}

/** A write refused after DynamoDB evaluated it (a failed condition, a cancelled transaction): billed on AWS. */
function refusedByCondition(response: AwsResponse): boolean {
  if (response.status !== 400) return false;
  const text = (response.body as Buffer).toString('utf8');
  return /ConditionalCheckFailedException|TransactionCanceledException/.test(text.slice(0, 200));
}

/** The answer without ConsumedCapacity (not asked, or NONE), or with its totals only (TOTAL). */
function asCallerAsked(
  output: { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] },
  asked: unknown,
): Record<string, unknown> {
  const { ConsumedCapacity: consumed, ...rest } = output;
  if (asked !== 'TOTAL' || consumed === undefined) return rest;
  const total = ({ TableName, CapacityUnits, ReadCapacityUnits, WriteCapacityUnits }: ConsumedCapacity) =>
    Object.fromEntries(
      Object.entries({ TableName, CapacityUnits, ReadCapacityUnits, WriteCapacityUnits }).filter(
        ([, value]) => value !== undefined,
      ),
    );
  return { ...rest, ConsumedCapacity: Array.isArray(consumed) ? consumed.map(total) : total(consumed) };
}

function forward(
  endpoint: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<AwsResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(new URL('/', endpoint), { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const kept: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined && !DROPPED_RESPONSE_HEADERS.has(name))
            kept[name] = [value].flat().join(', ');
        }
        resolve({ status: response.statusCode ?? 502, headers: kept, body: Buffer.concat(chunks) });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
