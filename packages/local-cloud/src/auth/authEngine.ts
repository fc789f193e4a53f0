import type { JSONWebKeySet } from 'jose';
import type { LocalCloud } from '../core/context';
import type { LocalRoute } from '../core/protocol';
import type { ResourceProvider } from '../core/resources';
import { CognitoProvider } from './cognitoProvider';
import { type MintTokenOptions, mintAccessToken } from './mintToken';
import { UserPoolRegistry } from './userPools';
import { wellKnownRoutes } from './wellKnownRoutes';

/** One issuer of this run, for endpoints.json and for people who want to mint tokens by hand. */
export interface IssuerInfo {
  issuer: string;
  poolId: string;
  clientIds: string[];
}

/**
 * The local stand-in for Cognito user pools: creates pools, clients and resource servers from the templates,
 * keeps one persisted RS256 key per pool, publishes JWKS and mints access tokens shaped like Cognito's.
 *
 * @example
 * const auth = new AuthEngine(ctx);
 * // deploy with auth.providers() …
 * const token = await auth.mintToken({ user: 'alice', scopes: ['spendwise/expenses.read'] });
 */
export class AuthEngine {
  private readonly pools = new UserPoolRegistry();

  constructor(private readonly ctx: LocalCloud) {}

  /** Resource providers for `AWS::Cognito::UserPool`, `UserPoolClient`, `UserPoolResourceServer`, `UserPoolDomain`. */
  providers(): ResourceProvider[] {
    return [new CognitoProvider(this.pools)];
  }

  /** JWKS of the pool whose issuer URL is `issuer`; undefined for an issuer that is not local. */
  jwks(issuer: string): JSONWebKeySet | undefined {
    const pool = this.pools.byIssuer(issuer);
    return pool ? { keys: [pool.key.publicJwk] } : undefined;
  }

  /** Mints a signed Cognito-shaped access token (`token_use: 'access'`). */
  async mintToken(options: MintTokenOptions): Promise<string> {
    return mintAccessToken(this.pools.resolve(options.issuer), options);
  }

  /** Every local issuer with its pool and client ids. */
  issuers(): IssuerInfo[] {
    return this.pools.all().map((pool) => ({
      issuer: pool.issuer,
      poolId: pool.poolId,
      clientIds: [...pool.clients.keys()],
    }));
  }

  /** The OAuth scopes an app client is allowed (`AllowedOAuthScopes`); [] for an unknown client. */
  clientScopes(clientId: string): string[] {
    return [...(this.pools.byClientId(clientId)?.clients.get(clientId)?.allowedScopes ?? [])];
  }

  /** Routes for the shared endpoint: JWKS and OpenID configuration per pool. */
  routes(): LocalRoute[] {
    return wellKnownRoutes(this.pools, this.ctx.config);
  }
}
