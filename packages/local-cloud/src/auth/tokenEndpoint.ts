import { createLocalJWKSet, jwtVerify } from 'jose';
import type { AwsRequest, AwsResponse } from '../core/protocol';
import { type Grant, type GrantStore, PKCE_VALUE, verifierMatches } from './grants';
import { mintAccessToken, mintIdToken } from './mintToken';
import type { UserPool } from './userPools';

/** Token responses must never be cached (RFC 6749 §5.1). */
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache', 'content-type': 'application/json' };

/** An OAuth error response (RFC 6749 §5.2): 400 with `error` and `error_description`. */
const oauthError = (error: string, description: string, status = 400): AwsResponse => ({
  status,
  headers: { ...NO_STORE, 'x-amzn-errortype': error },
  body: { error, error_description: description },
});

/**
 * `POST /<poolId>/oauth2/token` for public clients (no secret, `token_endpoint_auth_method: none`):
 * `authorization_code` with PKCE, and `refresh_token`. Answers tokens shaped like Cognito's: the access token is
 * the one `spendwise-local token <user>` mints (same `sub`, the granted scopes, `client_id`).
 */
export async function token(
  pool: UserPool,
  request: AwsRequest,
  grants: GrantStore,
  now: () => number,
): Promise<AwsResponse> {
  const form = request.form;
  if (!form) return oauthError('invalid_request', 'send the parameters as application/x-www-form-urlencoded');
  const repeated = [...new Set(form.keys())].find((name) => form.getAll(name).length > 1);
  if (repeated) return oauthError('invalid_request', `${repeated} is repeated`);
  const clientId = form.get('client_id');
  if (!clientId) return oauthError('invalid_request', 'client_id is required');
  const client = pool.clients.get(clientId);
  if (!client) return oauthError('invalid_client', `user pool ${pool.poolId} has no app client ${clientId}`);
  const grantType = form.get('grant_type');
  if (grantType === 'authorization_code') {
    const grant = redeem(form, clientId, grants);
    if ('status' in grant) return grant;
    const refreshToken = grants.issueRefreshToken(grant, client.refreshTokenValiditySeconds);
    return tokens(pool, grant, now, refreshToken);
  }
  if (grantType === 'refresh_token') {
    const grant = grants.refreshGrant(form.get('refresh_token') ?? '');
    if (!grant || grant.clientId !== clientId || grant.poolId !== pool.poolId)
      return oauthError('invalid_grant', 'the refresh token is unknown, expired or for another client');
    return tokens(pool, grant, now);
  }
  return oauthError(
    grantType ? 'unsupported_grant_type' : 'invalid_request',
    grantType
      ? `grant_type ${grantType} is not supported: use authorization_code or refresh_token`
      : 'grant_type is required',
  );
}

/** The grant behind a code, after every check RFC 6749 §4.1.3 and RFC 7636 §4.6 ask for. */
function redeem(form: URLSearchParams, clientId: string, grants: GrantStore): Grant | AwsResponse {
  const code = form.get('code');
  const redirectUri = form.get('redirect_uri');
  const verifier = form.get('code_verifier');
  const missing = [
    ['code', code],
    ['redirect_uri', redirectUri],
    ['code_verifier', verifier],
  ].find(([, value]) => !value);
  if (missing) return oauthError('invalid_request', `${missing[0]} is required`);
  const grant = grants.redeemCode(code as string);
  if (typeof grant === 'string') {
    const why = { unknown: 'is unknown', expired: 'has expired', used: 'was already used' }[grant];
    return oauthError('invalid_grant', `the authorization code ${why}`);
  }
  if (grant.clientId !== clientId)
    return oauthError('invalid_grant', 'the code was issued to another client');
  if (grant.redirectUri !== redirectUri)
    return oauthError('invalid_grant', 'redirect_uri differs from the one of the authorization request');
  if (!PKCE_VALUE.test(verifier as string))
    return oauthError('invalid_request', 'code_verifier must be 43 to 128 unreserved characters');
  if (!verifierMatches(verifier as string, grant.codeChallenge))
    return oauthError('invalid_grant', 'code_verifier does not match the code_challenge');
  return grant;
}

async function tokens(
  pool: UserPool,
  grant: Grant,
  now: () => number,
  refreshToken?: string,
): Promise<AwsResponse> {
  const client = pool.clients.get(grant.clientId)!;
  const at = new Date(now());
  const accessToken = await mintAccessToken(pool, {
    user: grant.username,
    scopes: grant.scopes,
    clientId: grant.clientId,
    now: at,
  });
  // Cognito gives an ID token only to a request with the openid scope.
  const idToken = grant.scopes.includes('openid')
    ? await mintIdToken(pool, {
        username: grant.username,
        clientId: grant.clientId,
        ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
        now: at,
      })
    : undefined;
  return {
    status: 200,
    headers: NO_STORE,
    body: {
      access_token: accessToken,
      ...(idToken ? { id_token: idToken } : {}),
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      token_type: 'Bearer',
      expires_in: client.accessTokenValiditySeconds,
    },
  };
}

/** `GET /<poolId>/oauth2/userInfo` with an access token of the pool: who the user is, as Cognito answers. */
export async function userInfo(pool: UserPool, request: AwsRequest, now: () => number): Promise<AwsResponse> {
  const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const refuse = (description: string) => ({
    status: 401,
    headers: {
      ...NO_STORE,
      'www-authenticate': `Bearer error="invalid_token", error_description="${description}"`,
      'x-amzn-errortype': 'invalid_token',
    },
    body: { error: 'invalid_token', error_description: description },
  });
  if (!bearer) return refuse('send an access token as Authorization: Bearer <token>');
  try {
    const { payload } = await jwtVerify(bearer, createLocalJWKSet({ keys: [pool.key.publicJwk] }), {
      issuer: pool.issuer,
      currentDate: new Date(now()),
    });
    if (payload.token_use !== 'access') return refuse('not an access token');
    const username = String(payload.username);
    const email = /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(username)
      ? { email: username, email_verified: 'true' }
      : {};
    return { status: 200, headers: NO_STORE, body: { sub: payload.sub, username, ...email } };
  } catch {
    return refuse('the token is invalid or expired');
  }
}
