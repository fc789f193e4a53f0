import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiHandler, HandledRequest } from './apiHandler';
import { newTraceId } from './ids';
import { MAX_PAYLOAD_BYTES } from './model';
import { type ApiRequest, headersOf, splitTarget } from './request';

/** One HTTP API listening on its own loopback port. */
export class ApiServer {
  private readonly server: Server;

  constructor(
    private readonly handler: ApiHandler,
    private readonly onHandled: (handled: HandledRequest) => void,
  ) {
    this.server = createServer((req, res) => void this.serve(req, res));
  }

  /** Listens on `port` (0: any free port) and resolves with the port taken. */
  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve((this.server.address() as AddressInfo).port));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const handled = await this.handler.handle(toApiRequest(req, await readBody(req)));
      const { status, headers, body } = handled.response;
      res.writeHead(status, headers);
      res.end(body);
      this.onHandled(handled);
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Internal Server Error' }));
    }
  }
}

/** The whole body, or `oversized` once it exceeds the 10 MB payload quota (the rest is drained, not kept). */
function readBody(req: IncomingMessage): Promise<{ body: Buffer; oversized: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      const oversized = size > MAX_PAYLOAD_BYTES;
      resolve({ body: oversized ? Buffer.alloc(0) : Buffer.concat(chunks), oversized });
    });
    req.on('error', reject);
  });
}

/** The request as API Gateway forwards it, with the `x-forwarded-*` and trace headers it adds. */
function toApiRequest(
  req: IncomingMessage,
  { body, oversized }: { body: Buffer; oversized: boolean },
): ApiRequest {
  const headers = headersOf(req.rawHeaders);
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${sourceIp}`
    : sourceIp;
  headers['x-forwarded-port'] = String(req.socket.localPort ?? '');
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= newTraceId();
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    ...splitTarget(req.url ?? '/'),
    headers,
    body,
    oversized,
    sourceIp,
    protocol: `HTTP/${req.httpVersion}`,
    receivedAt: new Date(),
  };
}
