import { arnOf } from '../core/arn';
import type { LocalCloud } from '../core/context';
import { reportUnhonoured } from '../core/report';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import { clientIdOf, stableId, userPoolIdOf } from './ids';
import { loadOrCreateSigningKey } from './signingKey';
import { type AppClient, UnknownIssuerError, type UserPool, type UserPoolRegistry } from './userPools';

const POOL_REASON =
  'sign-up, passwords, MFA and e-mail are not emulated: the local sign-in page takes any user name, and the local issuer mints tokens directly (mintToken)';
const CLIENT_REASON =
  'user-pool API sign-in (auth flows), client secrets, identity providers and token revocation are not emulated: the local hosted UI signs in any user name with the code flow';
const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };

/** Creates the Cognito resources of the templates as local user pools in `pools`. */
export class CognitoProvider implements ResourceProvider {
  readonly types = [
    'AWS::Cognito::UserPool',
    'AWS::Cognito::UserPoolClient',
    'AWS::Cognito::UserPoolResourceServer',
    'AWS::Cognito::UserPoolDomain',
  ] as const;

  constructor(private readonly pools: UserPoolRegistry) {}

  async create(resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> {
    switch (resource.type) {
      case 'AWS::Cognito::UserPool':
        return this.createPool(resource, ctx);
      case 'AWS::Cognito::UserPoolClient':
        return this.createClient(resource, ctx);
      case 'AWS::Cognito::UserPoolResourceServer':
        return this.createResourceServer(resource, ctx);
      default:
        return this.createDomain(resource, ctx);
    }
  }

  private async createPool(resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> {
    const { region } = ctx.config;
    const poolId = userPoolIdOf(region, resource.stack, resource.logicalId);
    const providerName = `cognito-idp.${region}.amazonaws.com/${poolId}`;
    const pool: UserPool = {
      stack: resource.stack,
      logicalId: resource.logicalId,
      poolId,
      name: stringProp(resource, 'UserPoolName') ?? resource.logicalId,
      arn: arnOf(ctx.config, 'cognito-idp', `userpool/${poolId}`),
      issuer: `https://${providerName}`,
      key: await loadOrCreateSigningKey(ctx.config.dataDir, poolId),
      clients: new Map(),
      resourceScopes: new Set(),
    };
    this.pools.add(pool);
    reportUnhonoured(ctx, resource, ['UserPoolName', 'UserPoolTags', 'DeletionProtection'], POOL_REASON);
    return {
      ref: poolId,
      attributes: {
        Arn: pool.arn,
        ProviderName: providerName,
        ProviderURL: providerName,
        UserPoolId: poolId,
      },
    };
  }

  private createClient(resource: ResolvedResource, ctx: LocalCloud): CreatedResource {
    const pool = this.poolOf(resource);
    const client: AppClient = {
      clientId: clientIdOf(pool.poolId, `${resource.stack}/${resource.logicalId}`),
      name: stringProp(resource, 'ClientName') ?? resource.logicalId,
      allowedScopes: stringList(resource.properties.AllowedOAuthScopes),
      accessTokenValiditySeconds: validity(resource.properties, 'AccessToken', 3600, 'hours'),
      idTokenValiditySeconds: validity(resource.properties, 'IdToken', 3600, 'hours'),
      refreshTokenValiditySeconds: validity(resource.properties, 'RefreshToken', 30 * 86_400, 'days'),
      oauthFlows: stringList(resource.properties.AllowedOAuthFlows),
      callbackUrls: stringList(resource.properties.CallbackURLs),
      logoutUrls: stringList(resource.properties.LogoutURLs),
    };
    pool.clients.set(client.clientId, client);
    const handled = [
      'UserPoolId',
      'ClientName',
      'AllowedOAuthScopes',
      'AccessTokenValidity',
      'IdTokenValidity',
      'RefreshTokenValidity',
      'TokenValidityUnits',
      'AllowedOAuthFlows',
      'AllowedOAuthFlowsUserPoolClient',
      'CallbackURLs',
      'LogoutURLs',
      'GenerateSecret',
      'SupportedIdentityProviders',
      'PreventUserExistenceErrors',
    ];
    reportUnhonoured(ctx, resource, handled, CLIENT_REASON);
    return { ref: client.clientId, attributes: { ClientId: client.clientId, Name: client.name } };
  }

  private createResourceServer(resource: ResolvedResource, ctx: LocalCloud): CreatedResource {
    const pool = this.poolOf(resource);
    const identifier = stringProp(resource, 'Identifier') ?? resource.logicalId;
    const scopes = Array.isArray(resource.properties.Scopes) ? resource.properties.Scopes : [];
    for (const scope of scopes as { ScopeName?: unknown }[]) {
      if (typeof scope.ScopeName === 'string') pool.resourceScopes.add(`${identifier}/${scope.ScopeName}`);
    }
    reportUnhonoured(ctx, resource, ['UserPoolId', 'Identifier', 'Name', 'Scopes'], 'not used locally');
    return { ref: identifier, attributes: {} };
  }

  private createDomain(resource: ResolvedResource, ctx: LocalCloud): CreatedResource {
    const pool = this.poolOf(resource);
    const domain = stringProp(resource, 'Domain') ?? pool.poolId;
    ctx.report({
      stack: resource.stack,
      logicalId: resource.logicalId,
      type: resource.type,
      property: '*',
      reason: `the domain ${domain} is not served: the local sign-in and OAuth endpoints are under the pool's issuer path on the AWS endpoint (see its discovery document)`,
    });
    const cloudFront = `${stableId(`domain:${domain}`, 14, 'abcdefghijklmnopqrstuvwxyz0123456789')}.cloudfront.net`;
    return { ref: domain, attributes: { CloudFrontDistribution: cloudFront } };
  }

  private poolOf(resource: ResolvedResource): UserPool {
    const poolId = stringProp(resource, 'UserPoolId');
    const pool = poolId === undefined ? undefined : this.pools.byId(poolId);
    if (!pool) throw new UnknownIssuerError(`${resource.logicalId}: no local user pool ${String(poolId)}`);
    return pool;
  }
}

const stringProp = (resource: ResolvedResource, name: string) => {
  const value = resource.properties[name];
  return typeof value === 'string' ? value : undefined;
};

const stringList = (value: unknown) =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * A token lifetime in seconds: `<token>Validity` counts in `TokenValidityUnits.<token>` (default hours for access
 * and ID tokens, days for refresh tokens); without it, Cognito's default.
 */
function validity(
  properties: Record<string, unknown>,
  token: 'AccessToken' | 'IdToken' | 'RefreshToken',
  fallbackSeconds: number,
  defaultUnit: string,
): number {
  const value = Number(properties[`${token}Validity`] ?? Number.NaN);
  if (!Number.isFinite(value)) return fallbackSeconds;
  const units = (properties.TokenValidityUnits as Record<string, string> | undefined)?.[token] ?? defaultUnit;
  return value * (UNIT_SECONDS[units] ?? UNIT_SECONDS[defaultUnit]!);
}
