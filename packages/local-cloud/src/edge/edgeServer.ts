import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { headersOf, splitTarget } from '../httpApi/request';
import type { EdgeResponse, LocalDistribution } from './distribution';

/** The largest viewer request body accepted (the HTTP APIs behind take 10 MB). */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * One distribution on its own loopback port. Only loopback Host names (and `allowedHosts`) are served, as
 * CloudFront serves only its domain and aliases: a page on a DNS name rebound to 127.0.0.1 is refused.
 */
export class EdgeServer {
  private readonly server: Server;
  private port = 0;

  constructor(
    private readonly distribution: LocalDistribution,
    private readonly allowedHosts: readonly string[],
    private readonly onError: (error: unknown) => void,
  ) {
    this.server = createServer((req, res) => void this.serve(req, res));
  }

  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.port = (this.server.address() as AddressInfo).port;
        resolve(this.port);
      });
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
      const headers = headersOf(req.rawHeaders);
      if (!this.hostAllowed(headers.host)) {
        return write(res, req.method, {
          status: 403,
          headers: { 'content-type': 'text/plain' },
          body: Buffer.from(
            `The Host ${headers.host ?? '(none)'} is not served here: use localhost:${this.port}\n`,
          ),
        });
      }
      const body = await readBody(req);
      if (body === undefined) {
        return write(res, req.method, {
          status: 413,
          headers: { 'content-type': 'text/plain' },
          body: Buffer.from('Request Entity Too Large\n'),
        });
      }
      const response = await this.distribution.handle({
        method: (req.method ?? 'GET').toUpperCase(),
        ...splitTarget(req.url ?? '/'),
        headers,
        body,
        ip: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      });
      write(res, req.method, response);
    } catch (error) {
      this.onError(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error of the local edge\n');
    }
  }

  private hostAllowed(host: string | undefined): boolean {
    const given = (host ?? '').toLowerCase();
    const name = given.replace(/:\d+$/, '');
    return (
      LOOPBACK_NAMES.some((loopback) => given === `${loopback}:${this.port}`) ||
      this.allowedHosts.some((entry) => entry.toLowerCase() === given || entry.toLowerCase() === name)
    );
  }
}

function write(res: ServerResponse, method: string | undefined, response: EdgeResponse): void {
  const headers = { ...response.headers };
  if (method !== 'HEAD' && response.status !== 304) headers['content-length'] = String(response.body.length);
  res.writeHead(response.status, headers);
  res.end(method === 'HEAD' || response.status === 304 ? undefined : response.body);
}

/** The whole body, or undefined past the limit. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
