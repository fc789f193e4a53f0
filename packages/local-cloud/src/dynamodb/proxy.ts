import { request as httpRequest } from 'node:http';
import type { AwsApi, AwsRequest, AwsResponse } from '../core/protocol';
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
 * @example gateway.mount(new DynamoDbApi(dynamoDbLocal.endpoint));
 */
export class DynamoDbApi implements AwsApi {
  readonly services = ['dynamodb'] as const;

  constructor(private readonly endpoint: string) {}

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
    headers['content-length'] = String(request.body.length);
    return forward(this.endpoint, request.method, headers, request.body);
  }
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
