import type { LocalCloudConfig } from '../core/config';
import type { AwsRequest, AwsResponse, LocalRoute } from '../core/protocol';
import type { UserPoolRegistry } from './userPools';

const WELL_KNOWN = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/;

/**
 * `GET /<poolId>/.well-known/jwks.json` and `GET /<poolId>/.well-known/openid-configuration` on the shared
 * endpoint, the paths Cognito serves them under. Pool ids start with the region, so one prefix route covers all.
 */
export function wellKnownRoutes(pools: UserPoolRegistry, config: LocalCloudConfig): LocalRoute[] {
  return [
    {
      method: 'GET',
      path: `/${config.region}_*`,
      handle: async (request) => answer(pools, config, request),
    },
  ];
}

function answer(pools: UserPoolRegistry, config: LocalCloudConfig, request: AwsRequest): AwsResponse {
  const [, poolId = '', document] = WELL_KNOWN.exec(request.path) ?? [];
  const pool = pools.byId(poolId);
  if (!pool || !document) {
    return { status: 404, headers: { 'content-type': 'application/json' }, body: { message: 'Not Found' } };
  }
  if (document === 'jwks.json') {
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: { keys: [pool.key.publicJwk] },
    };
  }
  // From the configuration, never from the request's Host header: a client is told where the keys are.
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: {
      issuer: pool.issuer,
      jwks_uri: `http://${host}:${config.awsPort}/${pool.poolId}/.well-known/jwks.json`,
      response_types_supported: ['code', 'token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
    },
  };
}
