import type { JSONWebKeySet } from 'jose';
import type { LocalCloud } from '../core/context';
import type { AwsRequest, LocalRoute } from '../core/protocol';
import type { ResourceProvider } from '../core/resources';
import { CognitoProvider } from './cognitoProvider';
import { GrantStore } from './grants';
import { type IssuerBrowserAccess, issuerBrowserAccess, issuerRoutes } from './issuerRoutes';
import { type MintTokenOptions, mintAccessToken } from './mintToken';
import { UserPoolRegistry } from './userPools';

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
  private readonly grants: GrantStore;

  /** `now` (milliseconds) lets tests expire codes without waiting. */
  constructor(
    private readonly ctx: LocalCloud,
    private readonly now: () => number = Date.now,
  ) {
    this.grants = new GrantStore(now);
  }

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

  /**
   * Routes for the shared endpoint, per pool: JWKS, OpenID configuration, the sign-in page (authorize), token,
   * user info and logout.
   */
  routes(): LocalRoute[] {
    return issuerRoutes(this.pools, this.ctx.config, this.grants, this.now);
  }

  /** What a browser may do on `request`'s path if it is an issuer endpoint; undefined for any other path. */
  browserAccess(request: AwsRequest): IssuerBrowserAccess | undefined {
    return issuerBrowserAccess(this.pools, request);
  }
}
