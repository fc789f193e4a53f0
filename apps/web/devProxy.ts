/**
 * The dev and preview servers' stand-in for the edge: `/api/<service path>` is proxied (prefix stripped) to the
 * service APIs of a running local cloud, and `/config.json` is built from the same endpoints file — the
 * routing the CloudFront distribution and the local edge apply (docs/web.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin, ProxyOptions } from 'vite';

interface EndpointsFile {
  awsEndpoint: string;
  apis: Record<string, string>;
  issuers?: Array<{ issuer: string; poolId: string; clientIds: string[] }>;
  stage?: string;
}

/** Which service answers which first path segment (the edge's API behaviours). */
export const API_ROUTES: Record<string, string[]> = {
  expenses: ['expenses'],
  catalog: ['categories', 'budgets', 'merchant-rules'],
  insights: ['insights'],
  notifications: ['notifications'],
};

export const SCOPES = [
  'openid',
  'email',
  ...['expenses', 'catalog', 'insights', 'notifications'].flatMap((s) => [
    `spendwise/${s}.read`,
    `spendwise/${s}.write`,
  ]),
];

/** The endpoints file: `SPENDWISE_ENDPOINTS`, else the repository's `.local-cloud/endpoints.json`. */
export function endpointsPath(): string {
  return process.env.SPENDWISE_ENDPOINTS ?? resolve(import.meta.dirname, '../../.local-cloud/endpoints.json');
}

function readEndpoints(): EndpointsFile | undefined {
  const path = endpointsPath();
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as EndpointsFile) : undefined;
}

/** The runtime configuration of the shared contract, for a local cloud's endpoints. */
export function runtimeConfig(endpoints: EndpointsFile) {
  const pool = endpoints.issuers?.[0];
  if (!pool) throw new Error('The local cloud lists no user pool issuer in its endpoints file');
  // The local issuer serves discovery, authorize, token and logout under the pool's path on the AWS endpoint.
  const issuer = `${endpoints.awsEndpoint}/${pool.poolId}`;
  return {
    stage: endpoints.stage ?? 'local',
    apiBase: '/api',
    auth: {
      issuer,
      clientId: pool.clientIds[0],
      scopes: SCOPES,
      redirectPath: '/callback',
      logoutUrl: `${issuer}/logout`,
    },
  };
}

/** Vite proxy entries for every API route of the endpoints file (read when the server starts). */
export function apiProxy(): Record<string, ProxyOptions> {
  const endpoints = readEndpoints();
  if (!endpoints) return {};
  const proxy: Record<string, ProxyOptions> = {};
  for (const [service, segments] of Object.entries(API_ROUTES)) {
    const target = endpoints.apis[service];
    if (!target) continue;
    for (const segment of segments) {
      proxy[`^/api/${segment}(/|\\?|$)`] = {
        target,
        changeOrigin: true,
        rewrite: (path) => path.replace(/^\/api/, ''),
      };
    }
  }
  return proxy;
}

/** Serves `/config.json` from the endpoints file, read on every request so a restarted cloud is picked up. */
export function runtimeConfigPlugin(): Plugin {
  const serve = (server: { middlewares: { use: (path: string, fn: never) => void } }) => {
    const handler = (_req: unknown, res: import('node:http').ServerResponse) => {
      const endpoints = readEndpoints();
      res.setHeader('content-type', 'application/json');
      res.setHeader('cache-control', 'no-store');
      if (!endpoints) {
        res.statusCode = 503;
        res.end(JSON.stringify({ message: `No local cloud: ${endpointsPath()} is missing; run pnpm start` }));
        return;
      }
      res.end(JSON.stringify(runtimeConfig(endpoints)));
    };
    server.middlewares.use('/config.json', handler as never);
  };
  return { name: 'spendwise-runtime-config', configureServer: serve, configurePreviewServer: serve };
}
