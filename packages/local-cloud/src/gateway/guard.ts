import { AwsApiError } from '../core/errors';
import type { AwsRequest } from '../core/protocol';

/** Who, besides SDKs, the CLI and the local cloud itself on loopback, may talk to the AWS endpoint. */
export interface EndpointAccess {
  /**
   * Browser origins allowed to call the endpoint (a local web app), exactly as a browser sends them:
   * `http://localhost:5173`. Any other `Origin` is refused.
   */
  allowedOrigins?: readonly string[];
  /**
   * Host header values accepted besides `127.0.0.1`, `localhost` and `[::1]` with the endpoint's port:
   * `name:port`, or `name` for any port.
   */
  allowedHosts?: readonly string[];
  /**
   * The few paths meant for browsers — the local issuer's discovery, sign-in page, token and logout endpoints —
   * and what a browser may do on each; undefined for every other path, which browsers may not reach.
   */
  browserAccess?: (request: AwsRequest) => BrowserAccess | undefined;
}

/** What a browser may do on one path meant for it. */
export interface BrowserAccess {
  /** Whether a request from this (normalised) Origin may be served and its answer read through CORS. */
  allowsOrigin(origin: string): boolean;
  /** Whether another site may send the browser here in a top-level GET navigation (a link or a redirect). */
  navigable: boolean;
}

/** Host names that always name the endpoint (with its port): loopback is all it listens on by default. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** `Sec-Fetch-Site` values of requests that no other site started: typed URLs, bookmarks, the page itself. */
const SELF_STARTED = new Set(['none', 'same-origin']);

/** The origin a browser would send for `value` (`scheme://host[:port]`), or undefined when it is not one. */
export function normalisedOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin === value.replace(/\/$/, '').toLowerCase() ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Throws unless every configured origin is one a browser could send. */
export function checkAllowedOrigins(origins: readonly string[]): string[] {
  return origins.map((origin) => {
    const normalised = normalisedOrigin(origin);
    if (!normalised)
      throw new Error(
        `"${origin}" is not an origin: give scheme, host and port only, e.g. http://localhost:5173`,
      );
    return normalised;
  });
}

/**
 * Decides whether a request to the AWS endpoint may be served. The endpoint speaks for every local AWS API and
 * the control API (`/_local/*`: invoke functions, mint tokens), so a web page open in the developer's browser must
 * not reach it:
 *
 * - **Host**: only loopback names with the endpoint's port (and configured ones). A page on a rebound DNS name
 *   (`evil.example` resolving to 127.0.0.1) sends its own name and is refused (DNS rebinding).
 * - **Origin**: a request carrying one is from a browser; only configured local app origins may call.
 * - **Sec-Fetch-Site**: a browser's request started by another site (an image, a form, a link on a page) is
 *   refused even where the browser sends no Origin.
 *
 * SDKs, the AWS CLI, the `spendwise-local` CLI and the local cloud's own calls send none of these headers and
 * name the endpoint by its loopback address, so they pass. The issuer's OAuth paths are the exception
 * (`browserAccess`): the web app's origins may fetch the discovery document and the token endpoint, and a
 * browser may be sent to the sign-in page and logout from the app's site; the Host check holds for them too.
 *
 * @throws AwsApiError 403 `ForbiddenHost` or `ForbiddenOrigin`
 */
export function checkAccess(request: AwsRequest, port: number, access: EndpointAccess = {}): void {
  checkHost(request.headers.host, port, access.allowedHosts ?? []);
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (!originAllowed(request, access)) {
      throw new AwsApiError(
        403,
        'ForbiddenOrigin',
        `Requests from the browser origin ${origin} are refused: the local AWS endpoint serves SDKs, the CLI and allowed local apps only (start the local cloud with --allow-origin to allow one)`,
      );
    }
    return;
  }
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && !SELF_STARTED.has(site.toLowerCase()) && !isAllowedNavigation(request, access)) {
    throw new AwsApiError(
      403,
      'ForbiddenOrigin',
      `Requests a ${site} web page starts are refused: the local AWS endpoint serves SDKs, the CLI and allowed local apps only`,
    );
  }
}

function originAllowed(request: AwsRequest, access: EndpointAccess): boolean {
  const origin = normalisedOrigin(request.headers.origin ?? '');
  if (origin === undefined) return false;
  return (
    (access.allowedOrigins ?? []).includes(origin) ||
    (access.browserAccess?.(request)?.allowsOrigin(origin) ?? false)
  );
}

/** A top-level GET navigation (no Origin is sent) to a path another site may link to. */
const isAllowedNavigation = (request: AwsRequest, access: EndpointAccess) =>
  request.method === 'GET' &&
  request.headers['sec-fetch-mode'] === 'navigate' &&
  (access.browserAccess?.(request)?.navigable ?? false);

export function checkHost(host: string | undefined, port: number, allowed: readonly string[]): void {
  const given = (host ?? '').trim().toLowerCase();
  const name = given.replace(/:\d+$/, '');
  const accepted =
    LOOPBACK_NAMES.some((loopback) => given === `${loopback}:${port}`) ||
    allowed.some((entry) => entry.toLowerCase() === given || entry.toLowerCase() === name);
  if (!accepted) {
    throw new AwsApiError(
      403,
      'ForbiddenHost',
      `The Host ${host === undefined ? '(none)' : JSON.stringify(host)} does not name the local AWS endpoint: use 127.0.0.1:${port}, localhost:${port} or [::1]:${port} (start the local cloud with --allow-host to accept another name)`,
    );
  }
}

/** The response headers that let an allowed browser origin read an answer (CORS). */
export function corsHeaders(request: AwsRequest, access: EndpointAccess = {}): Record<string, string> {
  const origin = request.headers.origin;
  if (origin === undefined || !originAllowed(request, access)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype',
    vary: 'Origin',
  };
}

/** The answer to an allowed origin's CORS preflight. */
export function preflightHeaders(request: AwsRequest, access: EndpointAccess = {}): Record<string, string> {
  return {
    ...corsHeaders(request, access),
    'access-control-allow-methods': 'GET, POST, PUT, DELETE',
    'access-control-allow-headers':
      request.headers['access-control-request-headers'] ?? 'content-type, authorization',
    'access-control-max-age': '600',
  };
}
