import { asList, path, refTarget, renderString, resource, resources, show } from './cfn';
import { type Rule, type Violation, violation } from './rules';

/**
 * Route keys allowed without the JWT authorizer. Empty on purpose: CORS preflight is answered by the HTTP
 * API's CorsConfiguration, which needs no OPTIONS route. Add a route key here only with a written reason.
 */
export const PUBLIC_ROUTES: readonly string[] = [];

/** Every HTTP API route sits behind a JWT authorizer with an issuer and an audience. */
export const checkHttpRoutes: Rule = (context) => {
  const { template } = context;
  const found: Violation[] = [];
  for (const [id, props] of resources(template, 'AWS::ApiGatewayV2::Route')) {
    const routeKey = renderString(props.RouteKey) ?? '?';
    if (PUBLIC_ROUTES.includes(routeKey)) continue;
    if (props.AuthorizationType !== 'JWT' || !props.AuthorizerId) {
      found.push(
        violation(
          context,
          'http-route-jwt',
          id,
          `route "${routeKey}" has AuthorizationType ${show(props.AuthorizationType)} and AuthorizerId ` +
            `${show(props.AuthorizerId)}; it must use the JWT authorizer`,
        ),
      );
      continue;
    }
    const authorizerId = refTarget(props.AuthorizerId);
    const authorizer = resource(template, authorizerId);
    if (!authorizer) continue;
    const authorizerProps = authorizer.Properties ?? {};
    const issuer = path(authorizerProps, 'JwtConfiguration', 'Issuer');
    const audience = asList(path(authorizerProps, 'JwtConfiguration', 'Audience'));
    if (authorizerProps.AuthorizerType !== 'JWT' || !issuer || audience.length === 0) {
      found.push(
        violation(
          context,
          'http-route-jwt',
          id,
          `route "${routeKey}" uses authorizer ${authorizerId}, which is not a JWT authorizer with an issuer and an audience`,
        ),
      );
    }
  }
  return found;
};
