import { AwsApiError } from '../../core/errors';
import type { AwsApi, AwsRequest, AwsResponse } from '../../core/protocol';
import type { Invocation } from '../invoke/runInvocation';

/** What the Invoke API needs of the engine. */
export interface InvokeTarget {
  has(functionRef: string): boolean;
  run(functionRef: string, payloadJson: string): Promise<Invocation>;
  enqueue(functionRef: string, payloadJson: string): string;
}

const INVOCATIONS_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;
/** Lambda's request payload limits: 6 MB synchronous, 1 MB asynchronous. */
const MAX_SYNC_REQUEST_BYTES = 6 * 1024 * 1024;
const MAX_ASYNC_REQUEST_BYTES = 1024 * 1024;

const functionRefOf = (request: AwsRequest): string => {
  const match = INVOCATIONS_PATH.exec(request.path);
  if (!match?.[1])
    throw new AwsApiError(
      404,
      'ResourceNotFoundException',
      `Unsupported Lambda operation ${request.method} ${request.path}`,
    );
  return decodeURIComponent(match[1]);
};

const payloadOf = (request: AwsRequest, limit: number): string => {
  if (request.body.length > limit) {
    throw new AwsApiError(
      413,
      'RequestTooLargeException',
      `Request must be smaller than ${limit} bytes for the Invoke operation`,
    );
  }
  const text = request.body.toString('utf8');
  if (text.trim() === '') return '{}';
  try {
    JSON.parse(text);
  } catch (error) {
    throw new AwsApiError(
      400,
      'InvalidRequestContentException',
      `Could not parse request body into json: ${(error as Error).message}`,
    );
  }
  return text;
};

function syncResponse(invocation: Invocation, tail: boolean): AwsResponse {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amz-executed-version': '$LATEST',
    'x-amzn-requestid': invocation.requestId,
  };
  if (!invocation.outcome.ok) headers['x-amz-function-error'] = 'Unhandled';
  if (tail) headers['x-amz-log-result'] = invocation.logTail;
  return { status: 200, headers, body: invocation.payloadJson };
}

async function invoke(target: InvokeTarget, request: AwsRequest): Promise<AwsResponse> {
  const functionRef = functionRefOf(request);
  const type = request.headers['x-amz-invocation-type'] ?? 'RequestResponse';
  if (!['RequestResponse', 'Event', 'DryRun'].includes(type)) {
    throw new AwsApiError(400, 'InvalidParameterValueException', `Unsupported InvocationType ${type}`);
  }
  if (!target.has(functionRef)) {
    throw new AwsApiError(404, 'ResourceNotFoundException', `Function not found: ${functionRef}`);
  }
  if (type === 'DryRun') return { status: 204, headers: {} };
  if (type === 'Event') {
    const requestId = target.enqueue(functionRef, payloadOf(request, MAX_ASYNC_REQUEST_BYTES));
    return { status: 202, headers: { 'x-amzn-requestid': requestId } };
  }
  const invocation = await target.run(functionRef, payloadOf(request, MAX_SYNC_REQUEST_BYTES));
  return syncResponse(invocation, request.headers['x-amz-log-type'] === 'Tail');
}

/**
 * Lambda's Invoke operation on the shared endpoint (`POST /2015-03-31/functions/{name}/invocations`):
 * RequestResponse answers the function's payload (200, `x-amz-function-error: Unhandled` on error,
 * `x-amz-log-result` with LogType Tail), Event queues it (202), DryRun only checks the function exists (204).
 *
 * @example
 * gateway.mount(lambdaInvokeApi(engine));
 */
export function lambdaInvokeApi(target: InvokeTarget): AwsApi {
  return {
    services: ['lambda'],
    accepts: (request) => INVOCATIONS_PATH.test(request.path),
    handle: (request) => invoke(target, request),
  };
}
