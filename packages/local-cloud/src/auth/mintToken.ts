import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { subOf } from './ids';
import { type AppClient, UnknownIssuerError, type UserPool } from './userPools';

/** Who and what a locally minted access token is for. */
export interface MintTokenOptions {
  /** A user name, or a user with a fixed `sub` and Cognito groups. */
  user: string | { username: string; sub?: string; groups?: string[] };
  /** Scopes for the `scope` claim; default: every scope the client allows. Each must be allowed to the client. */
  scopes?: string[];
  /** App client id; default: the pool's first client. */
  clientId?: string;
  /** Lifetime; default: the client's access-token validity. Negative values mint an already expired token. */
  expiresInSeconds?: number;
  /** Issuer URL or pool id; default: the only pool. */
  issuer?: string;
  /** Extra or overriding claims (`nbf`, `aud`, a foreign `iss`…) for tests of what an authorizer must refuse. */
  claims?: Record<string, unknown>;
  /** Signing time; default now. */
  now?: Date;
}

/** Thrown when a token asks for a scope its app client is not allowed, as Cognito answers `invalid_scope`. */
export class InvalidScopeError extends Error {
  constructor(clientId: string, scopes: string[]) {
    super(`Client ${clientId} is not allowed scope ${scopes.join(' ')}`);
    this.name = 'InvalidScopeError';
  }
}

/** Scopes Cognito puts in an access token of a client without OAuth scopes (user-pool API sign-in). */
const SIGN_IN_SCOPE = 'aws.cognito.signin.user.admin';

/** Signs an RS256 access token shaped like Cognito's with the pool's key. */
export async function mintAccessToken(pool: UserPool, options: MintTokenOptions): Promise<string> {
  const client = clientOf(pool, options.clientId);
  const allowed = client.allowedScopes.length > 0 ? client.allowedScopes : [SIGN_IN_SCOPE];
  const scopes = options.scopes ?? allowed;
  const refused = scopes.filter((scope) => !allowed.includes(scope));
  if (refused.length > 0) throw new InvalidScopeError(client.clientId, refused);
  const user = typeof options.user === 'string' ? { username: options.user } : options.user;
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const payload = {
    sub: user.sub ?? subOf(pool.poolId, user.username),
    ...(user.groups ? { 'cognito:groups': user.groups } : {}),
    iss: pool.issuer,
    version: 2,
    client_id: client.clientId,
    origin_jti: randomUUID(),
    token_use: 'access',
    scope: scopes.join(' '),
    auth_time: iat,
    exp: iat + (options.expiresInSeconds ?? client.accessTokenValiditySeconds),
    iat,
    jti: randomUUID(),
    username: user.username,
    ...options.claims,
  };
  return new SignJWT(payload)
    .setProtectedHeader({ kid: pool.key.kid, alg: 'RS256' })
    .sign(pool.key.privateKey);
}

function clientOf(pool: UserPool, clientId: string | undefined): AppClient {
  const client = clientId === undefined ? pool.clients.values().next().value : pool.clients.get(clientId);
  if (!client)
    throw new UnknownIssuerError(`User pool ${pool.poolId} has no app client ${clientId ?? ''}`.trim());
  return client;
}

/** Who an ID token is about and for which client. */
export interface MintIdTokenOptions {
  username: string;
  clientId: string;
  /** The `nonce` of the authorization request, echoed so the client can bind the token to its request. */
  nonce?: string;
  /** Lifetime; default the client's ID-token validity. */
  expiresInSeconds?: number;
  now?: Date;
}

/**
 * Signs an RS256 ID token shaped like Cognito's (`token_use: 'id'`, `aud` = client id, `cognito:username`), with
 * the same `sub` the access tokens of that user carry. `email` only when the user name is an e-mail address: the
 * local issuer knows nothing else about a user.
 */
export async function mintIdToken(pool: UserPool, options: MintIdTokenOptions): Promise<string> {
  const client = clientOf(pool, options.clientId);
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const email = /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(options.username) ? options.username : undefined;
  const payload = {
    sub: subOf(pool.poolId, options.username),
    ...(email ? { email, email_verified: true } : {}),
    iss: pool.issuer,
    'cognito:username': options.username,
    origin_jti: randomUUID(),
    aud: client.clientId,
    ...(options.nonce === undefined ? {} : { nonce: options.nonce }),
    token_use: 'id',
    auth_time: iat,
    exp: iat + (options.expiresInSeconds ?? client.idTokenValiditySeconds),
    iat,
    jti: randomUUID(),
  };
  return new SignJWT(payload)
    .setProtectedHeader({ kid: pool.key.kid, alg: 'RS256' })
    .sign(pool.key.privateKey);
}
