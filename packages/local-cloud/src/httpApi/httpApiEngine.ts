import type { LocalCloud } from '../core/context';
import type { ResourceProvider } from '../core/resources';
import { ApiGatewayProvider } from './apiGatewayProvider';
import { ApiHandler, type HandledRequest, type RequestTiming } from './apiHandler';
import { ApiServer } from './apiServer';
import type { IssuerKeys } from './jwtAuthorizer';
import type { ApiDef } from './model';
import { reportUnservable } from './reportUnservable';
import type { ApiRequest } from './request';
import type { ApiResponse } from './response';
import { type OverheadStats, TimingLog } from './timingLog';

/** How the engine serves its APIs. */
export interface HttpApiEngineOptions {
  /** Public keys of the local issuers (the AuthEngine), looked up by the authorizer's `Issuer`. */
  keys: IssuerKeys;
  /** Port of the first API; the next ones take the following ports in stack order. 0 (default): free ports. */
  basePort?: number;
  /** Called after every request with its timing (for benchmarks and request logs). */
  onRequest?: (timing: RequestTiming) => void;
}

/** One served API, as printed at start-up and written to endpoints.json. */
export interface ServedApi {
  stack: string;
  apiId: string;
  name: string;
  url: string;
}

/**
 * The local API Gateway for HTTP APIs: records the `AWS::ApiGatewayV2::*` resources while the stacks deploy,
 * then `start()` serves each API on its own loopback port, invoking functions through `ctx.lambda`.
 *
 * @example
 * const http = new HttpApiEngine(ctx, { keys: auth, basePort: 3001 });
 * // deploy with http.providers() …
 * await http.start();
 * http.apis(); // [{ stack: 'expenses', apiId: 'k3j…', name: 'spendwise-expenses-dev', url: 'http://127.0.0.1:3001' }]
 */
export class HttpApiEngine {
  private readonly defs = new Map<string, ApiDef>();
  private readonly servers: { server: ApiServer; served: ServedApi }[] = [];
  private readonly handlers = new Map<string, ApiHandler>();
  private readonly timings = new TimingLog();

  constructor(
    private readonly ctx: LocalCloud,
    private readonly options: HttpApiEngineOptions,
  ) {}

  /** The provider for `AWS::ApiGatewayV2::Api`, `Stage`, `Integration`, `Route` and `Authorizer`. */
  providers(): ResourceProvider[] {
    return [new ApiGatewayProvider(this.defs)];
  }

  /** Serves every deployed API (once; later calls start only APIs deployed since). */
  async start(): Promise<ServedApi[]> {
    const basePort = this.options.basePort ?? 0;
    for (const api of this.defs.values()) {
      if (this.servers.some(({ served }) => served.apiId === api.apiId)) continue;
      reportUnservable(this.ctx, api, this.options.keys);
      const handler = new ApiHandler(api, this.ctx, this.options.keys);
      this.handlers.set(api.apiId, handler);
      const server = new ApiServer(handler, (handled) => this.record(handled));
      const port = await server.listen(
        this.ctx.config.host,
        basePort === 0 ? 0 : basePort + this.servers.length,
      );
      const served = {
        stack: api.stack,
        apiId: api.apiId,
        name: api.name,
        url: `http://${this.ctx.config.host}:${port}`,
      };
      this.servers.push({ server, served });
    }
    return this.apis();
  }

  /**
   * Serves one request in-process, as if it had reached the API's port from `request.sourceIp` (the local
   * edge uses it for its API origins: no second HTTP hop). Undefined when no served API has `apiId`.
   */
  async forward(apiId: string, request: ApiRequest): Promise<ApiResponse | undefined> {
    const handler = this.handlers.get(apiId);
    if (!handler) return undefined;
    const handled = await handler.handle(request);
    this.record(handled);
    return handled.response;
  }

  /** Closes every server. */
  async stop(): Promise<void> {
    await Promise.all(this.servers.map(({ server }) => server.close()));
    this.servers.length = 0;
    this.handlers.clear();
  }

  /** The APIs being served, in stack order. */
  apis(): ServedApi[] {
    return this.servers.map(({ served }) => served);
  }

  /** Overhead of the local API layer (time outside the Lambda invocation) over the recent requests. */
  stats(): OverheadStats {
    return this.timings.summary();
  }

  private record(handled: HandledRequest): void {
    this.timings.add(handled.timing);
    this.options.onRequest?.(handled.timing);
  }
}
