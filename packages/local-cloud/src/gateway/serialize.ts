import { randomUUID } from 'node:crypto';
import { AwsApiError } from '../core/errors';
import type { AwsRequest, AwsResponse } from '../core/protocol';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const xmlEscape = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );

/** The content type a JSON-protocol API answers with: the one the client sent (1.0 or 1.1). */
const jsonContentType = (request: AwsRequest) =>
  request.headers['content-type']?.startsWith('application/x-amz-json')
    ? request.headers['content-type']
    : 'application/json';

/** Turns an engine's answer into bytes on the wire, with the request id every AWS response carries. */
export function serializeResponse(
  request: AwsRequest,
  response: AwsResponse,
  requestId: string,
): WireResponse {
  const headers: Record<string, string> = { 'x-amzn-requestid': requestId, ...response.headers };
  let body: Buffer;
  if (response.body === undefined) body = Buffer.alloc(0);
  else if (Buffer.isBuffer(response.body)) body = response.body;
  else if (typeof response.body === 'string') body = Buffer.from(response.body);
  else {
    body = Buffer.from(JSON.stringify(response.body));
    headers['content-type'] ??= request.protocol === 'json' ? jsonContentType(request) : 'application/json';
  }
  if (request.protocol === 'query' && typeof response.body === 'string')
    headers['content-type'] ??= 'text/xml';
  return { status: response.status, headers, body };
}

/** Serialises a failure the way the request's protocol expects, so SDKs raise the right exception class. */
export function serializeError(request: AwsRequest, error: unknown, requestId: string): WireResponse {
  const failure =
    error instanceof AwsApiError
      ? error
      : new AwsApiError(
          500,
          'InternalFailure',
          `The local cloud failed: ${(error as Error)?.message ?? error}`,
        );
  const headers: Record<string, string> = {
    'x-amzn-requestid': requestId,
    'x-amzn-errortype': failure.code,
    ...failure.headers,
  };
  if (request.protocol === 'query') {
    const type = failure.status >= 500 ? 'Receiver' : 'Sender';
    const xml = `<ErrorResponse><Error><Type>${type}</Type><Code>${xmlEscape(failure.code)}</Code><Message>${xmlEscape(failure.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return {
      status: failure.status,
      headers: { ...headers, 'content-type': 'text/xml' },
      body: Buffer.from(xml),
    };
  }
  const body =
    request.protocol === 'json'
      ? { __type: failure.code, message: failure.message, ...failure.fields }
      : { code: failure.code, message: failure.message, Message: failure.message, ...failure.fields };
  const contentType = request.protocol === 'json' ? jsonContentType(request) : 'application/json';
  return {
    status: failure.status,
    headers: { ...headers, 'content-type': contentType },
    body: Buffer.from(JSON.stringify(body)),
  };
}

export const newRequestId = () => randomUUID();
