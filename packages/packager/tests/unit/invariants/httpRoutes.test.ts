import { describe, expect, it } from '@jest/globals';
import { broken } from './broken';
import { compliantTemplate, props } from './compliantTemplate';

const route = 'HttpApiRouteGetThings';

describe('HTTP route invariants', () => {
  it('rejects a public route', () => {
    const template = compliantTemplate();
    props(template, route).AuthorizationType = 'NONE';
    delete props(template, route).AuthorizerId;

    expect(broken(template)).toEqual([`http-route-jwt ${route}`]);
  });

  it('rejects an OPTIONS route too: CORS preflight belongs to the API CorsConfiguration', () => {
    const template = compliantTemplate();
    template.Resources.HttpApiRouteOptionsThings = {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { RouteKey: 'OPTIONS /things', AuthorizationType: 'NONE' },
    };

    expect(broken(template)).toEqual(['http-route-jwt HttpApiRouteOptionsThings']);
  });

  it('rejects a JWT route without an authorizer id', () => {
    const template = compliantTemplate();
    delete props(template, route).AuthorizerId;

    expect(broken(template)).toEqual([`http-route-jwt ${route}`]);
  });

  it('rejects a route whose authorizer has no audience', () => {
    const template = compliantTemplate();
    props(template, 'HttpApiAuthorizerCognito').JwtConfiguration = { Issuer: 'https://issuer' };

    expect(broken(template)).toEqual([`http-route-jwt ${route}`]);
  });
});
