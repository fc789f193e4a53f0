import { request as httpRequest } from 'node:http';
import { crc32 } from 'node:zlib';
import type { AwsApi, AwsRequest, AwsResponse } from '../core/protocol';
import { CAPACITY_OPERATIONS, type CapacityMeter, type ConsumedCapacity } from './capacityMeter';
import { LOCAL_AUTHORIZATION } from './wire';

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

  constructor(private readonly endpoint: string) {}

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
    const response = await forward(this.endpoint, request.method, headers, body);
    if (response.status !== 200) {
      if (refusedByCondition(response)) meter.recordRefused(operation, input);
      return response;
    }
    const output = JSON.parse((response.body as Buffer).toString('utf8')) as {
      ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[];
    };
    meter.record(operation, output.ConsumedCapacity);
    if (asked === 'INDEXES') return response;
    const answered = asCallerAsked(output, asked);
    const text = Buffer.from(JSON.stringify(answered));
    return { ...response, headers: { ...response.headers, 'x-amz-crc32': String(crc32(text)) }, body: text };
  }
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
