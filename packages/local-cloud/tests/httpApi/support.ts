import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthEngine } from '../../src/auth';
import type { LocalCloud } from '../../src/core/context';
import type { CreatedResource, ResolvedResource } from '../../src/core/resources';
import { fakeCloud } from '../../src/testing/fakeCloud';

/** A fake cloud whose dataDir is a fresh temporary folder. */
export function freshCloud(dataDir = mkdtempSync(join(tmpdir(), 'spendwise-local-cloud-'))) {
  return fakeCloud({ dataDir });
}

/** Creates one resource with the first of `engine`'s providers that takes its type. */
export async function deploy(
  engine: {
    providers(): {
      types: readonly string[];
      create: (r: ResolvedResource, c: LocalCloud) => Promise<CreatedResource>;
    }[];
  },
  ctx: LocalCloud,
  type: string,
  logicalId: string,
  properties: Record<string, unknown>,
  stack = 'platform',
): Promise<CreatedResource> {
  const provider = engine.providers().find((candidate) => candidate.types.includes(type));
  if (!provider) throw new Error(`no provider for ${type}`);
  return provider.create({ stack, stackDir: `/tmp/${stack}`, logicalId, type, properties }, ctx);
}

export const SPENDWISE_SCOPES = ['expenses.read', 'expenses.write', 'catalog.read'];

/** The platform stack's pool, resource server and app client, as its template declares them. */
export async function deployPlatformPool(ctx: LocalCloud, auth = new AuthEngine(ctx)) {
  const pool = await deploy(auth, ctx, 'AWS::Cognito::UserPool', 'UserPool', {
    UserPoolName: 'spendwise-dev',
    MfaConfiguration: 'OPTIONAL',
  });
  await deploy(auth, ctx, 'AWS::Cognito::UserPoolResourceServer', 'ApiResourceServer', {
    UserPoolId: pool.ref,
    Identifier: 'spendwise',
    Name: 'Spendwise API',
    Scopes: SPENDWISE_SCOPES.map((ScopeName) => ({ ScopeName, ScopeDescription: ScopeName })),
  });
  const client = await deploy(auth, ctx, 'AWS::Cognito::UserPoolClient', 'AppClient', {
    UserPoolId: pool.ref,
    ClientName: 'spendwise-app',
    AccessTokenValidity: 60,
    TokenValidityUnits: { AccessToken: 'minutes' },
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', ...SPENDWISE_SCOPES.map((scope) => `spendwise/${scope}`)],
    CallbackURLs: ['http://localhost:3000/callback', 'https://app.example.com/callback'],
    LogoutURLs: ['http://localhost:3000/'],
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
  });
  const issuer = `https://${String(pool.attributes.ProviderURL)}`;
  return { auth, poolId: pool.ref, issuer, clientId: client.ref, pool, client };
}
