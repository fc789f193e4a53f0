import type { SigningKey } from './signingKey';

/** An app client of a pool, as far as token minting needs it. */
export interface AppClient {
  clientId: string;
  name: string;
  /** `AllowedOAuthScopes`; empty for a client without OAuth flows. */
  allowedScopes: string[];
  /** Access-token lifetime from `AccessTokenValidity` and `TokenValidityUnits.AccessToken`. */
  accessTokenValiditySeconds: number;
  /** ID-token lifetime from `IdTokenValidity` and `TokenValidityUnits.IdToken` (default 60 minutes). */
  idTokenValiditySeconds: number;
  /** Refresh-token lifetime from `RefreshTokenValidity` and `TokenValidityUnits.RefreshToken` (default 30 days). */
  refreshTokenValiditySeconds: number;
  /** `AllowedOAuthFlows` (`code`, `implicit`, `client_credentials`); empty when the template names none. */
  oauthFlows: string[];
  /** `CallbackURLs`: where the authorize endpoint may send a code. */
  callbackUrls: string[];
  /** `LogoutURLs`: where the logout endpoint may send the browser. */
  logoutUrls: string[];
}

/** A local user pool: its ids, issuer, signing key, clients and resource-server scopes. */
export interface UserPool {
  stack: string;
  logicalId: string;
  poolId: string;
  name: string;
  arn: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`, exactly the `iss` Cognito writes. */
  issuer: string;
  key: SigningKey;
  clients: Map<string, AppClient>;
  /** `<Identifier>/<ScopeName>` of every resource server of the pool. */
  resourceScopes: Set<string>;
}

/** Thrown when a pool, issuer or client is asked for that no template created. */
export class UnknownIssuerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownIssuerError';
  }
}

/** Every local user pool, by pool id and by issuer. */
export class UserPoolRegistry {
  private readonly pools = new Map<string, UserPool>();

  add(pool: UserPool): void {
    this.pools.set(pool.poolId, pool);
  }

  all(): UserPool[] {
    return [...this.pools.values()];
  }

  byId(poolId: string): UserPool | undefined {
    return this.pools.get(poolId);
  }

  byIssuer(issuer: string): UserPool | undefined {
    return this.all().find((pool) => pool.issuer === issuer);
  }

  /** The pool named by issuer URL or pool id; without either, the only pool there is. */
  resolve(issuerOrPoolId?: string): UserPool {
    if (issuerOrPoolId === undefined) {
      const [only, ...others] = this.all();
      if (only && others.length === 0) return only;
      throw new UnknownIssuerError(`Name an issuer: there are ${this.pools.size} user pools`);
    }
    const pool = this.byId(issuerOrPoolId) ?? this.byIssuer(issuerOrPoolId);
    if (!pool) throw new UnknownIssuerError(`No local user pool has issuer or id ${issuerOrPoolId}`);
    return pool;
  }

  /** The pool holding a client id. */
  byClientId(clientId: string): UserPool | undefined {
    return this.all().find((pool) => pool.clients.has(clientId));
  }
}
