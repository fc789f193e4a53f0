import type { LocalCloudConfig } from '../core/config';
import type { AwsRequest, AwsResponse, LocalRoute } from '../core/protocol';
import type { GrantStore } from './grants';
import { authorize, logout, signIn } from './hostedUi';
import { isOriginOf } from './redirectUris';
import { token, userInfo } from './tokenEndpoint';
import type { UserPool, UserPoolRegistry } from './userPools';

/** The paths under `/<poolId>` the local issuer serves, as Cognito's user pool and hosted UI name them. */
export const ISSUER_PATHS = {
  jwks: '/.well-known/jwks.json',
  discovery: '/.well-known/openid-configuration',
  authorize: '/oauth2/authorize',
  token: '/oauth2/token',
  userInfo: '/oauth2/userInfo',
  logout: '/logout',
} as const;

type Endpoint = keyof typeof ISSUER_PATHS;

const POOL_PATH = /^\/([^/]+)(\/.*)$/;

/** The pool and endpoint a request path names, if any. */
export function endpointOf(
  pools: UserPoolRegistry,
  path: string,
): { pool: UserPool; endpoint: Endpoint } | undefined {
  const [, poolId = '', rest = ''] = POOL_PATH.exec(path) ?? [];
  const pool = pools.byId(poolId);
  const endpoint = (Object.keys(ISSUER_PATHS) as Endpoint[]).find((name) => ISSUER_PATHS[name] === rest);
  return pool && endpoint ? { pool, endpoint } : undefined;
}

/** What a browser may do on an issuer path; read by the endpoint's guard (gateway/guard.ts). */
export interface IssuerBrowserAccess {
  /** Whether a request from this Origin may be served and its answer read (CORS). */
  allowsOrigin(origin: string): boolean;
  /** Whether another site may send the browser here in a top-level navigation (a link, a redirect). */
  navigable: boolean;
}

/**
 * The browser rules of each issuer path: the app's origins (those of its clients' callback URLs) may fetch the
 * discovery document, keys, token and user info; the sign-in page and logout may be navigated to from anywhere;
 * the sign-in form may only be posted by the page itself (the endpoint's own origin).
 */
export function issuerBrowserAccess(
  pools: UserPoolRegistry,
  request: AwsRequest,
): IssuerBrowserAccess | undefined {
  const found = endpointOf(pools, request.path);
  if (!found) return undefined;
  const appOrigins = [...found.pool.clients.values()].flatMap((client) => client.callbackUrls);
  const fromApp = (origin: string) => isOriginOf(appOrigins, origin);
  switch (found.endpoint) {
    case 'authorize':
      return {
        navigable: request.method === 'GET',
        // The guard has checked Host already, so the page's own origin is `http://<Host>`.
        allowsOrigin: (origin) =>
          origin.toLowerCase() === `http://${request.headers.host ?? ''}`.toLowerCase(),
      };
    case 'logout':
      return { navigable: true, allowsOrigin: () => false };
    default:
      return { navigable: false, allowsOrigin: fromApp };
  }
}

/**
 * The issuer's routes on the shared AWS endpoint, under each pool's id (pool ids start with the region, so one
 * prefix covers all): discovery, JWKS, the sign-in page, token, user info and logout.
 */
export function issuerRoutes(
  pools: UserPoolRegistry,
  config: LocalCloudConfig,
  grants: GrantStore,
  now: () => number,
): LocalRoute[] {
  const handlers: Record<
    string,
    (pool: UserPool, request: AwsRequest) => Promise<AwsResponse> | AwsResponse
  > = {
    'GET jwks': (pool) => json(200, { keys: [pool.key.publicJwk] }),
    'GET discovery': (pool) => json(200, discovery(pool, config)),
    'GET authorize': (pool, request) => authorize(pool, request, grants),
    'POST authorize': (pool, request) => signIn(pool, request, grants),
    'POST token': (pool, request) => token(pool, request, grants, now),
    'GET userInfo': (pool, request) => userInfo(pool, request, now),
    'GET logout': (pool, request) => logout(pool, request),
  };
  const handle = async (request: AwsRequest): Promise<AwsResponse> => {
    const found = endpointOf(pools, request.path);
    const handler = found && handlers[`${request.method} ${found.endpoint}`];
    if (!found || !handler) return json(404, { message: 'Not Found' });
    return handler(found.pool, request);
  };
  const prefix = `/${config.region}_*`;
  return [
    { method: 'GET', path: prefix, handle },
    { method: 'POST', path: prefix, handle },
  ];
}

const json = (status: number, body: object): AwsResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body,
});

/** The OpenID configuration: Cognito's issuer (what tokens carry), with the local endpoints' URLs. */
function discovery(pool: UserPool, config: LocalCloudConfig) {
  // From the configuration, never from the request's Host header: a client is told where the endpoints are.
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const base = `http://${host}:${config.awsPort}/${pool.poolId}`;
  return {
    issuer: pool.issuer,
    authorization_endpoint: `${base}${ISSUER_PATHS.authorize}`,
    token_endpoint: `${base}${ISSUER_PATHS.token}`,
    userinfo_endpoint: `${base}${ISSUER_PATHS.userInfo}`,
    end_session_endpoint: `${base}${ISSUER_PATHS.logout}`,
    jwks_uri: `${base}${ISSUER_PATHS.jwks}`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'phone', 'profile', ...pool.resourceScopes],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'nonce',
      'email',
      'email_verified',
      'cognito:username',
    ],
  };
}
