import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import {
  createServer as createHttp2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
} from 'node:http2';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { AwsApiError } from '../core/errors';
import type { AwsApi, AwsRequest, AwsResponse, LocalRoute, RawApi } from '../core/protocol';
import { classify } from './classify';
import { checkAccess, checkHost, corsHeaders, type EndpointAccess, preflightHeaders } from './guard';
import { newRequestId, serializeError, serializeResponse, type WireResponse } from './serialize';

/** Largest request body the endpoint reads (the largest AWS API payloads are well below this). */
const MAX_BODY_BYTES = 20 * 1024 * 1024;
const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0');

type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

export interface GatewayOptions extends EndpointAccess {
  host: string;
  port: number;
  apis: AwsApi[];
  routes?: LocalRoute[];
  /** APIs that stream their requests (S3); asked first, before the body is read. */
  rawApis?: RawApi[];
  /**
   * Authorises a signed AWS API call after the endpoint's access checks and before it is dispatched (IAM,
   * `iam/enforcement.ts`); throws the denial, which is answered in the service's protocol.
   */
  authorize?: (request: AwsRequest) => Promise<void>;
  /** Sees each AWS API call's answer (IAM keeps DynamoDB Local's shard iterators → stream). */
  observe?: (request: AwsRequest, response: AwsResponse) => void;
  /** Told about every request (service, action, status, ms) for diagnostics. */
  onRequest?: (entry: { service: string; action: string; status: number; ms: number }) => void;
}

/**
 * The one AWS-compatible endpoint. HTTP/1.1 and HTTP/2 cleartext (prior knowledge, as the Bedrock Runtime client
 * speaks it) share the port: the first bytes of each connection decide which server parses it.
 */
export class Gateway {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly options: GatewayOptions) {}

  /** Starts listening; resolves with the endpoint URL. */
  async start(): Promise<string> {
    const handler = (req: AnyRequest, res: AnyResponse) => void this.serve(req, res);
    const http1 = createHttpServer({ keepAliveTimeout: 65_000 }, handler);
    const http2 = createHttp2Server({}, handler);
    this.server = createNetServer((socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      socket.once('data', (first: Buffer) => {
        socket.pause();
        if (first.subarray(0, HTTP2_PREFACE.length).equals(HTTP2_PREFACE)) {
          http2.emit('connection', replayingStream(socket, first));
        } else {
          socket.unshift(first);
          http1.emit('connection', socket);
        }
        socket.resume();
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(this.options.port, this.options.host, () => resolve());
    });
    return this.url();
  }

  url(): string {
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
    return `http://${host}:${this.port()}`;
  }

  /** The port listened on (the one the system picked when asked for port 0). */
  private port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : this.options.port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async serve(req: AnyRequest, res: AnyResponse): Promise<void> {
    const started = performance.now();
    const requestId = newRequestId();
    const headers = lowerCaseHeaders(req.headers);
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const raw = this.options.rawApis?.find((api) => api.claims({ method, url, headers }));
    if (raw) {
      const status = await raw
        .serve({
          req,
          res,
          method,
          url,
          headers,
          requestId,
          remoteAddress: req.socket?.remoteAddress ?? '127.0.0.1',
          port: this.port(),
          checkHost: (alsoAllowed) =>
            checkHost(headers.host, this.port(), [
              ...(this.options.allowedHosts ?? []),
              ...(alsoAllowed ? [alsoAllowed] : []),
            ]),
        })
        .catch(() => 500);
      this.options.onRequest?.({
        service: 's3',
        action: `${method} ${url}`,
        status,
        ms: performance.now() - started,
      });
      return;
    }
    let request: AwsRequest | undefined;
    let wire: WireResponse;
    let stream: AsyncIterable<string> | undefined;
    try {
      const body = await readBody(req);
      request = classify({
        method,
        url,
        headers,
        body,
        http2: req.httpVersionMajor === 2,
      });
      checkAccess(request, this.port(), this.options);
      const preflight = request.method === 'OPTIONS' && request.headers.origin !== undefined;
      const signed = request.headers.authorization?.startsWith('AWS4-') === true;
      if (!preflight && signed && this.options.authorize) await this.options.authorize(request);
      const response = preflight
        ? { status: 204, headers: preflightHeaders(request, this.options) }
        : await this.dispatch(request);
      if (!preflight && signed) this.options.observe?.(request, response);
      stream = response.stream;
      wire = serializeResponse(request, response, requestId);
    } catch (error) {
      wire = serializeError(request ?? fallbackRequest(req), error, requestId);
    }
    if (request) Object.assign(wire.headers, corsHeaders(request, this.options));
    this.options.onRequest?.({
      service: request?.service ?? '?',
      action: request?.action || `${req.method} ${req.url}`,
      status: wire.status,
      ms: performance.now() - started,
    });
    if (stream) return pipeStream(res, wire, stream);
    res.writeHead(wire.status, { ...wire.headers, 'content-length': String(wire.body.length) });
    res.end(wire.body);
  }

  private dispatch(request: AwsRequest) {
    const route = this.options.routes?.find((r) => matchesRoute(r, request));
    // A SigV4-signed request is for an AWS API; a route may still take a Bearer token (the issuer's userInfo).
    if (route && !request.headers.authorization?.startsWith('AWS4-')) return route.handle(request);
    const api = this.options.apis.find(
      (candidate) => candidate.services.includes(request.service) && (candidate.accepts?.(request) ?? true),
    );
    if (!api) {
      throw new AwsApiError(
        501,
        'NotImplemented',
        request.service
          ? `The local cloud does not emulate the '${request.service}' API (${request.action || request.path})`
          : `Unrecognised request ${request.method} ${request.path}: sign it (any credentials) so the service can be told`,
      );
    }
    return api.handle(request);
  }
}

/**
 * The HTTP/2 server reads a net.Socket's native handle directly, so bytes already read to sniff the protocol
 * cannot be unshifted back. A JS duplex over the socket, starting with those bytes, makes it read through JS.
 */
function replayingStream(socket: Socket, first: Buffer): Duplex {
  const stream = new Duplex({
    read() {},
    write(chunk, encoding, callback) {
      socket.write(chunk, encoding, callback);
    },
    final(callback) {
      socket.end(callback);
    },
    destroy(error, callback) {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  stream.push(first);
  socket.on('data', (chunk) => stream.push(chunk));
  socket.once('end', () => stream.push(null));
  socket.once('close', () => stream.destroy());
  socket.once('error', (error) => stream.destroy(error));
  return stream;
}

async function pipeStream(
  response: AnyResponse,
  wire: WireResponse,
  stream: AsyncIterable<string>,
): Promise<void> {
  // Both response kinds share these methods; the union's overloads just don't unify for the compiler.
  const res = response as ServerResponse;
  res.writeHead(wire.status, wire.headers);
  const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
  const iterator = stream[Symbol.asyncIterator]();
  void closed.then(() => iterator.return?.());
  for await (const chunk of { [Symbol.asyncIterator]: () => iterator }) {
    if (res.writableEnded) break;
    res.write(chunk);
  }
  res.end();
}

function matchesRoute(route: LocalRoute, request: AwsRequest): boolean {
  if (route.method !== request.method) return false;
  return route.path.endsWith('*')
    ? request.path.startsWith(route.path.slice(0, -1))
    : route.path === request.path;
}

function lowerCaseHeaders(headers: AnyRequest['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(':') || value === undefined) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  // HTTP/2 names the host in the :authority pseudo-header.
  const authority = headers[':authority'];
  if (result.host === undefined && typeof authority === 'string') result.host = authority;
  return result;
}

async function readBody(req: AnyRequest): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new AwsApiError(413, 'RequestEntityTooLarge', 'Request body is too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function fallbackRequest(req: AnyRequest): AwsRequest {
  return {
    service: '',
    protocol: 'rest',
    action: '',
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    query: new URLSearchParams(),
    headers: {},
    body: Buffer.alloc(0),
    http2: false,
  };
}
