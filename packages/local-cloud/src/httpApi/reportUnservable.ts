import type { LocalCloud } from '../core/context';
import type { IssuerKeys } from './jwtAuthorizer';
import type { ApiDef } from './model';

/** Reports, at start, routes without an integration and JWT authorizers whose issuer is not a local user pool. */
export function reportUnservable(ctx: LocalCloud, api: ApiDef, keys: IssuerKeys): void {
  for (const route of api.routes) {
    if (!route.integrationId || !api.integrations.has(route.integrationId)) {
      report(
        ctx,
        api,
        route.logicalId,
        'AWS::ApiGatewayV2::Route',
        'Target',
        'no local integration; answers 500',
      );
    }
  }
  for (const authorizer of api.authorizers.values()) {
    if (authorizer.type === 'JWT' && !(authorizer.issuer && keys.jwks(authorizer.issuer))) {
      const reason = `issuer ${String(authorizer.issuer)} is not a local user pool (JWKS is never fetched over the network); every request is refused with 401`;
      report(
        ctx,
        api,
        authorizer.logicalId,
        'AWS::ApiGatewayV2::Authorizer',
        'JwtConfiguration.Issuer',
        reason,
      );
    }
    const source = authorizer.identitySource[0] ?? '$request.header.Authorization';
    if (authorizer.identitySource.length > 1 || !/^\$request\.(header|querystring)\./.test(source)) {
      const reason = 'only one $request.header.* or $request.querystring.* identity source is read';
      report(ctx, api, authorizer.logicalId, 'AWS::ApiGatewayV2::Authorizer', 'IdentitySource', reason);
    }
  }
}

function report(
  ctx: LocalCloud,
  api: ApiDef,
  logicalId: string,
  type: string,
  property: string,
  reason: string,
) {
  ctx.report({ stack: api.stack, logicalId, type, property, reason });
}
