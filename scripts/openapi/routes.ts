import type { CfnResource, CfnTemplate } from '../../packages/packager/src/template';

/** One route of a service's HTTP API, as its packaged CloudFormation template defines it. */
export interface Route {
  method: string;
  /** As API Gateway writes it: `/expenses/{id}`. */
  path: string;
  /** OAuth scopes the JWT authorizer requires (any one of them, as API Gateway checks). */
  scopes: string[];
  /** The function's name in serverless.yml (`createExpense`), from its handler path. */
  functionName: string;
  /** Folder of the function's source, relative to the service: `src/functions/createExpense`. */
  functionDir: string;
  /** The function's description, without the route it repeats. */
  description: string;
}

const refOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && 'Ref' in value
    ? String((value as { Ref: unknown }).Ref)
    : undefined;

/** The integration a route targets: `{ "Fn::Join": ["/", ["integrations", { "Ref": "<id>" }]] }`. */
function integrationOf(route: CfnResource): string | undefined {
  const join = (route.Properties?.Target as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  return join?.[1].map(refOf).find((id) => id !== undefined);
}

/** The Lambda function an integration invokes: `{ "Fn::GetAtt": ["<id>", "Arn"] }`. */
function functionOf(integration: CfnResource | undefined): string | undefined {
  const getAtt = (integration?.Properties?.IntegrationUri as { 'Fn::GetAtt'?: string[] } | undefined)?.[
    'Fn::GetAtt'
  ];
  return getAtt?.[0];
}

const HANDLER = /^(src\/functions\/([A-Za-z0-9]+))\/handler\.handler$/;

/**
 * Every `AWS::ApiGatewayV2::Route` of a packaged template, with the function behind it (through its integration)
 * and the authorizer's scopes, sorted by path then method. The template is the source of truth: the same routes a
 * deploy (and the local cloud) creates.
 */
export function routesOf(template: CfnTemplate): Route[] {
  const resources = template.Resources;
  const routes = Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::ApiGatewayV2::Route')
    .map(([id, route]) => {
      const [method, path] = String(route.Properties?.RouteKey).split(' ');
      const functionId = functionOf(resources[integrationOf(route) ?? '']);
      const fn = resources[functionId ?? '']?.Properties ?? {};
      const handler = HANDLER.exec(String(fn.Handler));
      if (!method || !path || !handler) {
        throw new Error(
          `Route ${id} (${route.Properties?.RouteKey}): no function with a src/functions/<name> handler`,
        );
      }
      const description = String(fn.Description ?? '').replace(/^[A-Z]+ \S+( - )?/, '');
      return {
        method: method.toLowerCase(),
        path,
        scopes: (route.Properties?.AuthorizationScopes as string[] | undefined) ?? [],
        functionName: handler[2]!,
        functionDir: handler[1]!,
        description,
      };
    });
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** The OAuth scopes the platform's user pool resource server defines, with their descriptions. */
export function scopesOf(platform: CfnTemplate): Record<string, string> {
  const scopes: Record<string, string> = {};
  for (const resource of Object.values(platform.Resources)) {
    if (resource.Type !== 'AWS::Cognito::UserPoolResourceServer') continue;
    const { Identifier, Scopes } = resource.Properties as {
      Identifier: string;
      Scopes: { ScopeName: string; ScopeDescription: string }[];
    };
    for (const scope of Scopes) scopes[`${Identifier}/${scope.ScopeName}`] = scope.ScopeDescription;
  }
  return scopes;
}
