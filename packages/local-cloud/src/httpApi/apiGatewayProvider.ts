import type { LocalCloud } from '../core/context';
import { reportUnhonoured, resourceReporter } from '../core/report';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import { corsConfigOf } from './corsConfig';
import { gatewayId } from './ids';
import { type ApiDef, DEFAULT_TIMEOUT_MS, type IntegrationDef } from './model';
import { bool, num, str, strList } from './properties';

/** Thrown when a child resource names an API the templates did not create. */
export class UnknownApiError extends Error {
  constructor(logicalId: string, apiId: string | undefined) {
    super(`${logicalId}: no local HTTP API ${String(apiId)}`);
    this.name = 'UnknownApiError';
  }
}

const NOT_EMULATED = 'not emulated by the local HTTP API';

/** Records the `AWS::ApiGatewayV2::*` resources of the templates in `apis`, served later by HttpApiEngine.start(). */
export class ApiGatewayProvider implements ResourceProvider {
  readonly types = [
    'AWS::ApiGatewayV2::Api',
    'AWS::ApiGatewayV2::Stage',
    'AWS::ApiGatewayV2::Integration',
    'AWS::ApiGatewayV2::Route',
    'AWS::ApiGatewayV2::Authorizer',
  ] as const;

  constructor(private readonly apis: Map<string, ApiDef>) {}

  async create(resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> {
    if (resource.type === 'AWS::ApiGatewayV2::Api') return this.createApi(resource, ctx);
    const api = this.apis.get(str(resource, 'ApiId') ?? '');
    if (!api) throw new UnknownApiError(resource.logicalId, str(resource, 'ApiId'));
    const id = gatewayId(`${api.apiId}/${resource.logicalId}`, resource.type.endsWith('Authorizer') ? 6 : 7);
    switch (resource.type) {
      case 'AWS::ApiGatewayV2::Stage':
        return this.createStage(resource, ctx, api);
      case 'AWS::ApiGatewayV2::Integration':
        api.integrations.set(id, integrationOf(resource, ctx, id));
        return { ref: id, attributes: {} };
      case 'AWS::ApiGatewayV2::Route':
        return this.createRoute(resource, ctx, api, id);
      default:
        return this.createAuthorizer(resource, ctx, api, id);
    }
  }

  private createApi(resource: ResolvedResource, ctx: LocalCloud): CreatedResource {
    const apiId = gatewayId(`${resource.stack}/${resource.logicalId}`, 10);
    const protocolType = str(resource, 'ProtocolType') ?? 'HTTP';
    const api: ApiDef = {
      stack: resource.stack,
      logicalId: resource.logicalId,
      apiId,
      name: str(resource, 'Name') ?? resource.logicalId,
      protocolType,
      cors: corsConfigOf(resource.properties.CorsConfiguration),
      routes: [],
      integrations: new Map(),
      authorizers: new Map(),
    };
    if (protocolType !== 'HTTP')
      reportOne(ctx, resource, 'ProtocolType', `${protocolType} APIs are not served`);
    else this.apis.set(apiId, api);
    const handled = ['Name', 'ProtocolType', 'CorsConfiguration', 'Description', 'Tags', 'Version'];
    reportUnhonoured(ctx, resource, [...handled, 'DisableSchemaValidation', 'FailOnWarnings'], NOT_EMULATED);
    const endpoint = `https://${apiId}.execute-api.${ctx.config.region}.amazonaws.com`;
    return { ref: apiId, attributes: { ApiId: apiId, ApiEndpoint: endpoint } };
  }

  private createStage(resource: ResolvedResource, ctx: LocalCloud, api: ApiDef): CreatedResource {
    const name = str(resource, 'StageName') ?? '$default';
    if (name !== '$default') reportOne(ctx, resource, 'StageName', `only $default is served; ${name} is not`);
    if (bool(resource.properties.AutoDeploy) !== true) {
      reportOne(ctx, resource, 'AutoDeploy', 'routes are served live, as if AutoDeploy were true');
    }
    const defaults = (resource.properties.DefaultRouteSettings ?? {}) as Record<string, unknown>;
    if (defaults.ThrottlingBurstLimit !== undefined || defaults.ThrottlingRateLimit !== undefined) {
      reportOne(ctx, resource, 'DefaultRouteSettings.Throttling*', 'throttling is not emulated');
    }
    const variables = resource.properties.StageVariables;
    if (variables && typeof variables === 'object') api.stageVariables = variables as Record<string, string>;
    const handled = ['ApiId', 'StageName', 'AutoDeploy', 'AccessLogSettings', 'DefaultRouteSettings'];
    reportUnhonoured(ctx, resource, [...handled, 'StageVariables', 'Description', 'Tags'], NOT_EMULATED);
    return { ref: name, attributes: {} };
  }

  private createRoute(resource: ResolvedResource, ctx: LocalCloud, api: ApiDef, id: string): CreatedResource {
    const authorizationType = str(resource, 'AuthorizationType') ?? 'NONE';
    if (authorizationType !== 'NONE' && authorizationType !== 'JWT') {
      reportOne(
        ctx,
        resource,
        'AuthorizationType',
        `${authorizationType} is not emulated; the route answers 401`,
      );
    }
    api.routes.push({
      id,
      logicalId: resource.logicalId,
      routeKey: str(resource, 'RouteKey') ?? '$default',
      integrationId: /^integrations\/(.+)$/.exec(str(resource, 'Target') ?? '')?.[1],
      authorizationType,
      authorizerId: str(resource, 'AuthorizerId'),
      authorizationScopes: strList(resource.properties.AuthorizationScopes),
    });
    const handled = [
      'ApiId',
      'RouteKey',
      'Target',
      'AuthorizationType',
      'AuthorizerId',
      'AuthorizationScopes',
    ];
    reportUnhonoured(ctx, resource, [...handled, 'OperationName'], NOT_EMULATED);
    return { ref: id, attributes: {} };
  }

  private createAuthorizer(
    resource: ResolvedResource,
    ctx: LocalCloud,
    api: ApiDef,
    id: string,
  ): CreatedResource {
    const type = str(resource, 'AuthorizerType') ?? 'JWT';
    if (type !== 'JWT')
      reportOne(ctx, resource, 'AuthorizerType', `${type} authorizers are not emulated (401)`);
    const jwt = (resource.properties.JwtConfiguration ?? {}) as Record<string, unknown>;
    api.authorizers.set(id, {
      id,
      logicalId: resource.logicalId,
      type,
      issuer: typeof jwt.Issuer === 'string' ? jwt.Issuer : undefined,
      audience: strList(jwt.Audience),
      identitySource: strList(resource.properties.IdentitySource),
    });
    const handled = ['ApiId', 'Name', 'AuthorizerType', 'JwtConfiguration', 'IdentitySource'];
    reportUnhonoured(ctx, resource, handled, NOT_EMULATED);
    return { ref: id, attributes: { AuthorizerId: id } };
  }
}

function integrationOf(resource: ResolvedResource, ctx: LocalCloud, id: string): IntegrationDef {
  const type = str(resource, 'IntegrationType') ?? '';
  const version = str(resource, 'PayloadFormatVersion') ?? '2.0';
  if (type !== 'AWS_PROXY') reportOne(ctx, resource, 'IntegrationType', `${type} is not emulated (500)`);
  if (version !== '2.0') reportOne(ctx, resource, 'PayloadFormatVersion', `${version} is not emulated (500)`);
  const handled = ['ApiId', 'IntegrationType', 'IntegrationUri', 'PayloadFormatVersion', 'TimeoutInMillis'];
  reportUnhonoured(ctx, resource, [...handled, 'IntegrationMethod', 'Description'], NOT_EMULATED);
  return {
    id,
    logicalId: resource.logicalId,
    type,
    functionRef: functionRefOf(str(resource, 'IntegrationUri')),
    payloadFormatVersion: version,
    timeoutMs: num(resource.properties.TimeoutInMillis) ?? DEFAULT_TIMEOUT_MS,
  };
}

/** A Lambda ARN as is; the API Gateway invocation URI form unwrapped to the ARN inside it. */
export function functionRefOf(uri: string | undefined): string | undefined {
  const wrapped = uri ? /\/functions\/(.+)\/invocations$/.exec(uri) : null;
  return wrapped ? wrapped[1] : uri;
}

function reportOne(ctx: LocalCloud, resource: ResolvedResource, property: string, reason: string): void {
  resourceReporter(ctx, resource)(property, reason);
}
