import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { AwsApiError } from '../../src/core/errors';
import type { AwsApi, AwsRequest, AwsResponse } from '../../src/core/protocol';

/**
 * A minimal stand-in for the lead's shared endpoint, for integration tests only: classifies a request by its
 * SigV4 signing name and X-Amz-Target (json) or method + path (rest), hands it to the matching AwsApi and
 * writes its response or error. `http2: true` serves h2c (HTTP/2 with prior knowledge), as the SDK's
 * NodeHttp2Handler speaks to an `http://` endpoint.
 */
export interface ThrowawayGateway {
  endpoint: string;
  close(): Promise<void>;
}

type Incoming = http.IncomingMessage | http2.Http2ServerRequest;
type Outgoing = http.ServerResponse | http2.Http2ServerResponse;

const signingName = (authorization = '') =>
  /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(authorization)?.[1] ?? '';

async function toAwsRequest(req: Incoming): Promise<AwsRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk as Buffer));
  const url = new URL(req.url ?? '/', 'http://local');
  const headers = Object.fromEntries(
    Object.entries(req.headers)
      .filter(([name]) => !name.startsWith(':'))
      .map(([name, value]) => [name.toLowerCase(), String(value)]),
  );
  const target = headers['x-amz-target'];
  return {
    service: signingName(headers.authorization),
    protocol: target ? 'json' : 'rest',
    action: target ? target.slice(target.indexOf('.') + 1) : '',
    target,
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers,
    body: Buffer.concat(chunks),
    http2: req.httpVersionMajor === 2,
  };
}

function write(res: Outgoing, response: AwsResponse, json: boolean): void {
  const body = response.body;
  const text = Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body ?? {});
  const contentType = json ? 'application/x-amz-json-1.0' : 'application/json';
  const headers = { 'content-type': contentType, 'x-amzn-requestid': 'local', ...response.headers };
  res.writeHead(
    response.status,
    Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
  );
  res.end(text);
}

function handlerFor(apis: AwsApi[]) {
  return async (req: Incoming, res: Outgoing) => {
    const request = await toAwsRequest(req);
    const api = apis.find(
      (candidate) => candidate.services.includes(request.service) && (candidate.accepts?.(request) ?? true),
    );
    try {
      if (!api) throw new AwsApiError(400, 'UnknownService', `no API for '${request.service}'`);
      write(res, await api.handle(request), request.protocol === 'json');
    } catch (error) {
      const failure =
        error instanceof AwsApiError ? error : new AwsApiError(500, 'InternalFailure', String(error));
      write(
        res,
        {
          status: failure.status,
          headers: { 'x-amzn-errortype': failure.code, ...failure.headers },
          body: { __type: failure.code, message: failure.message },
        },
        request.protocol === 'json',
      );
    }
  };
}

/** Starts a gateway on an ephemeral loopback port. */
export async function startThrowawayGateway(
  apis: AwsApi[],
  options: { http2?: boolean } = {},
): Promise<ThrowawayGateway> {
  const handle = handlerFor(apis);
  const server = options.http2
    ? http2.createServer((req, res) => void handle(req, res))
    : http.createServer((req, res) => void handle(req, res));
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session: http2.ServerHttp2Session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.destroy();
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Credentials and region for SDK clients pointed at a throwaway gateway. */
export const localClientConfig = (endpoint: string) => ({
  endpoint,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
