import type { CorsConfig } from './model';

/** Response headers, lower-case names; `set-cookie` may repeat. */
export type HeaderMap = Record<string, string | string[]>;

const allows = (list: string[], value: string) => list.includes('*') || list.includes(value);

/** The `access-control-allow-origin` value for `origin`, or undefined when the origin is not allowed. */
export function allowedOrigin(cors: CorsConfig, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  if (cors.allowOrigins.includes(origin)) return origin;
  return cors.allowOrigins.includes('*') ? '*' : undefined;
}

/** A CORS preflight as API Gateway recognises it: OPTIONS with `origin` and `access-control-request-method`. */
export const isPreflight = (method: string, headers: Record<string, string>) =>
  method === 'OPTIONS' &&
  headers.origin !== undefined &&
  headers['access-control-request-method'] !== undefined;

/**
 * API Gateway's own answer to a preflight (no route, no authorizer): 204 with the configured headers when the
 * origin and method are allowed, 204 without CORS headers otherwise.
 */
export function preflightHeaders(cors: CorsConfig, headers: Record<string, string>): HeaderMap {
  const origin = allowedOrigin(cors, headers.origin);
  const method = (headers['access-control-request-method'] ?? '').toUpperCase();
  if (!origin || !allows(cors.allowMethods, method)) return {};
  const requested = headers['access-control-request-headers'];
  const out: HeaderMap = {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': cors.allowMethods.includes('*') ? method : cors.allowMethods.join(','),
  };
  if (cors.allowHeaders.length > 0) {
    out['access-control-allow-headers'] =
      cors.allowHeaders.includes('*') && requested ? requested.toLowerCase() : cors.allowHeaders.join(',');
  }
  if (cors.maxAge !== undefined) out['access-control-max-age'] = String(cors.maxAge);
  if (cors.allowCredentials) out['access-control-allow-credentials'] = 'true';
  return out;
}

/**
 * Replaces any `access-control-*` headers of a response with the API's own, as API Gateway ignores the CORS
 * headers of an integration once the API has a CORS configuration.
 */
export function withCorsHeaders(cors: CorsConfig, origin: string | undefined, headers: HeaderMap): HeaderMap {
  const out: HeaderMap = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('access-control-')) out[name] = value;
  }
  const allowed = allowedOrigin(cors, origin);
  if (!allowed) return out;
  out['access-control-allow-origin'] = allowed;
  if (cors.exposeHeaders.length > 0) out['access-control-expose-headers'] = cors.exposeHeaders.join(',');
  if (cors.allowCredentials) out['access-control-allow-credentials'] = 'true';
  return out;
}
