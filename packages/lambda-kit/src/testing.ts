/**
 * Event builders for handler tests: fabricated API Gateway HTTP API (payload 2.0, JWT authorizer) events, SQS
 * batches and a Lambda context. Test-only: never import this from a handler.
 */
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type { HttpEvent } from './http/types';

export interface HttpEventInput {
  method?: string;
  /** The request path, e.g. `/expenses/exp-1`. */
  path?: string;
  /** A string is sent as is; anything else as JSON (with `content-type: application/json` unless given). */
  body?: unknown;
  query?: Record<string, string>;
  pathParameters?: Record<string, string>;
  /**
   * The JWT claims the authorizer passes on; `null` for a request without any. Default: `{ sub: 'user-1' }`.
   * Claims without `token_use` get `token_use: 'access'`, as every access token carries it.
   */
  claims?: Record<string, string> | null;
  headers?: Record<string, string>;
  requestId?: string;
  isBase64Encoded?: boolean;
}

const jsonHeaders = (body: unknown): Record<string, string> =>
  body === undefined || typeof body === 'string' ? {} : { 'content-type': 'application/json' };

/**
 * An HTTP API v2 event as API Gateway would pass it after a JWT authorizer.
 *
 * @example
 * await handler(httpEvent({ method: 'POST', path: '/expenses', body: { amount }, claims: { sub: 'u1', scope: 'spendwise/expenses.write' } }), lambdaContext());
 */
export const httpEvent = (input: HttpEventInput = {}): HttpEvent => {
  const method = input.method ?? 'GET';
  const path = input.path ?? '/';
  const given = input.claims === undefined ? { sub: 'user-1' } : input.claims;
  const claims = given === null ? null : { token_use: 'access', ...given };
  const query = input.query;
  const rawQueryString = query ? new URLSearchParams(query).toString() : '';
  const requestId = input.requestId ?? 'req-0001';
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString,
    headers: { host: 'api.spendwise.test', ...jsonHeaders(input.body), ...input.headers },
    ...(query ? { queryStringParameters: { ...query } } : {}),
    ...(input.pathParameters ? { pathParameters: { ...input.pathParameters } } : {}),
    ...(input.body === undefined
      ? {}
      : { body: typeof input.body === 'string' ? input.body : JSON.stringify(input.body) }),
    isBase64Encoded: input.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api-test',
      domainName: 'api.spendwise.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'jest' },
      requestId,
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 1_767_225_600_000,
      // A route without a token never reaches the function on AWS; tests still need to prove the kit refuses it.
      authorizer: (claims === null
        ? undefined
        : { jwt: { claims, scopes: null } }) as HttpEvent['requestContext']['authorizer'],
    },
  };
};

export interface SqsRecordInput {
  /** A string is sent as is; anything else as JSON. */
  body: unknown;
  messageId?: string;
  receiveCount?: number;
}

/**
 * An SQS batch as the event source mapping delivers it; message ids default to `msg-1`, `msg-2`, ….
 *
 * @example
 * const { batchItemFailures } = await handler(sqsEvent([{ body: envelope }]), lambdaContext());
 */
export const sqsEvent = (records: SqsRecordInput[]): SQSEvent => ({
  Records: records.map(
    (input, index): SQSRecord => ({
      messageId: input.messageId ?? `msg-${index + 1}`,
      receiptHandle: `receipt-${index + 1}`,
      body: typeof input.body === 'string' ? input.body : JSON.stringify(input.body),
      attributes: {
        ApproximateReceiveCount: String(input.receiveCount ?? 1),
        SentTimestamp: '1767225600000',
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: '1767225600000',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:spendwise-test',
      awsRegion: 'eu-west-1',
    }),
  ),
});

/**
 * A Lambda context with a fixed request id and plenty of time left.
 *
 * @example
 * await handler(event, lambdaContext({ functionName: 'expenses-createExpense' }));
 */
export const lambdaContext = (overrides: Partial<Context> = {}): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'spendwise-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:spendwise-test',
  memoryLimitInMB: '256',
  awsRequestId: 'aws-req-0001',
  logGroupName: '/aws/lambda/spendwise-test',
  logStreamName: '2026/01/01/[$LATEST]test',
  getRemainingTimeInMillis: () => 30_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
  ...overrides,
});

export { InMemoryPersistenceLayer } from './testing/InMemoryPersistenceLayer';
