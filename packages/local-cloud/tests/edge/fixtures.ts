// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub templates spell ${…} literally
/**
 * Packaged templates shaped like Spendwise's per the shared contract: a platform stack (user pool, app client,
 * discovery parameters), two service APIs that publish their endpoints in SSM, and an edge stack (bucket with
 * OAC, a viewer-request function stripping `/api`, a response headers policy, a CLOUDFRONT web ACL with
 * managed rule groups and two rate-based rules, the distribution). Only standard CloudFormation shapes.
 */
import type { StackInput, Template } from '../../src/deploy';

export const STRIP_API_PREFIX = `function handler(event) {
  var request = event.request;
  request.uri = request.uri.replace(/^\\/api(?=\\/|$)/, '') || '/';
  return request;
}`;

export const MARK_RESPONSE = `async function handler(event) {
  var response = event.response;
  response.headers['x-edge-function'] = { value: 'viewer-response ' + event.request.uri };
  return response;
}`;

export const GLOBAL_LIMIT = 50;
export const REPORTS_LIMIT = 10;

const platform: Template = {
  Resources: {
    UserPool: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: 'spendwise-dev' } },
    ApiResourceServer: {
      Type: 'AWS::Cognito::UserPoolResourceServer',
      Properties: {
        UserPoolId: { Ref: 'UserPool' },
        Identifier: 'spendwise',
        Name: 'Spendwise API',
        Scopes: [{ ScopeName: 'expenses.read', ScopeDescription: 'read' }],
      },
    },
    MachineClient: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        UserPoolId: { Ref: 'UserPool' },
        ClientName: 'machine',
        AllowedOAuthScopes: ['spendwise/expenses.read'],
      },
    },
    AppClient: {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        UserPoolId: { Ref: 'UserPool' },
        ClientName: 'spendwise-app',
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'spendwise/expenses.read'],
      },
    },
    IssuerParameter: {
      Type: 'AWS::SSM::Parameter',
      Properties: {
        Name: '/spendwise/dev/auth/issuer',
        Type: 'String',
        Value: { 'Fn::Sub': 'https://${UserPool.ProviderURL}' },
      },
    },
    AppClientIdParameter: {
      Type: 'AWS::SSM::Parameter',
      Properties: { Name: '/spendwise/dev/auth/app-client-id', Type: 'String', Value: { Ref: 'AppClient' } },
    },
  },
};

/** A service with a JWT-guarded `GET /<resource>` and a public `POST /<resource>`, its endpoint in SSM. */
function service(name: string, resource: string): Template {
  const route = (id: string, routeKey: string, auth: Record<string, unknown>) => ({
    [`${id}Integration`]: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: { Ref: 'HttpApi' },
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: `arn:aws:lambda:eu-west-1:000000000000:function:spendwise-${name}-dev-${id}`,
        PayloadFormatVersion: '2.0',
      },
    },
    [`${id}Route`]: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: { Ref: 'HttpApi' },
        RouteKey: routeKey,
        Target: { 'Fn::Join': ['/', ['integrations', { Ref: `${id}Integration` }]] },
        ...auth,
      },
    },
  });
  return {
    Resources: {
      HttpApi: {
        Type: 'AWS::ApiGatewayV2::Api',
        Properties: { Name: `spendwise-${name}-dev`, ProtocolType: 'HTTP' },
      },
      HttpApiStage: {
        Type: 'AWS::ApiGatewayV2::Stage',
        Properties: { ApiId: { Ref: 'HttpApi' }, StageName: '$default', AutoDeploy: true },
      },
      HttpApiAuthorizer: {
        Type: 'AWS::ApiGatewayV2::Authorizer',
        Properties: {
          ApiId: { Ref: 'HttpApi' },
          Name: 'cognito',
          AuthorizerType: 'JWT',
          IdentitySource: ['$request.header.Authorization'],
          JwtConfiguration: {
            Issuer: '{{resolve:ssm:/spendwise/dev/auth/issuer}}',
            Audience: ['{{resolve:ssm:/spendwise/dev/auth/app-client-id}}'],
          },
        },
      },
      ...route('list', `GET ${resource}`, {
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: 'HttpApiAuthorizer' },
        AuthorizationScopes: ['spendwise/expenses.read'],
      }),
      ...route('create', `POST ${resource}`, {}),
      ...route('proxy', `ANY ${resource}/{proxy+}`, {}),
      EndpointParameter: {
        Type: 'AWS::SSM::Parameter',
        Properties: {
          Name: `/spendwise/dev/${name}/api-domain`,
          Type: 'String',
          Value: { 'Fn::Sub': '${HttpApi}.execute-api.${AWS::Region}.amazonaws.com' },
        },
      },
    },
  };
}

const apiBehavior = (pathPattern: string, origin: string) => ({
  PathPattern: pathPattern,
  TargetOriginId: origin,
  ViewerProtocolPolicy: 'https-only',
  AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
  CachedMethods: ['GET', 'HEAD'],
  CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
  ResponseHeadersPolicyId: { Ref: 'SecurityHeaders' },
  FunctionAssociations: [
    { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': ['StripApiPrefix', 'FunctionARN'] } },
  ],
});

const apiOrigin = (id: string, service: string) => ({
  Id: id,
  DomainName: `{{resolve:ssm:/spendwise/dev/${service}/api-domain}}`,
  CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
  OriginCustomHeaders: [{ HeaderName: 'X-Origin-Verify', HeaderValue: 'local-origin-secret' }],
});

const rateRule = (
  name: string,
  priority: number,
  limit: number,
  extra: Record<string, unknown>,
  action: unknown,
) => ({
  Name: name,
  Priority: priority,
  Action: action,
  Statement: {
    RateBasedStatement: { Limit: limit, AggregateKeyType: 'IP', EvaluationWindowSec: 300, ...extra },
  },
  VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: name },
});

const managed = (name: string, priority: number) => ({
  Name: name,
  Priority: priority,
  OverrideAction: { None: {} },
  Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
  VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: name },
});

const byteMatch = (field: string, search: string, position = 'EXACTLY') => ({
  ByteMatchStatement: {
    FieldToMatch: { [field]: {} },
    SearchString: search,
    PositionalConstraint: position,
    TextTransformations: [{ Priority: 0, Type: 'NONE' }],
  },
});

const edge: Template = {
  Parameters: { DomainName: { Type: 'String', Default: 'app.spendwise.example' } },
  Resources: {
    WebBucket: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
      },
    },
    WebOriginAccessControl: {
      Type: 'AWS::CloudFront::OriginAccessControl',
      Properties: {
        OriginAccessControlConfig: {
          Name: 'spendwise-web-dev',
          OriginAccessControlOriginType: 's3',
          SigningBehavior: 'always',
          SigningProtocol: 'sigv4',
        },
      },
    },
    StripApiPrefix: {
      Type: 'AWS::CloudFront::Function',
      Properties: {
        Name: 'spendwise-dev-strip-api-prefix',
        AutoPublish: true,
        FunctionCode: STRIP_API_PREFIX,
        FunctionConfig: { Comment: 'strips /api', Runtime: 'cloudfront-js-2.0' },
      },
    },
    MarkResponse: {
      Type: 'AWS::CloudFront::Function',
      Properties: {
        Name: 'spendwise-dev-mark-response',
        AutoPublish: true,
        FunctionCode: MARK_RESPONSE,
        FunctionConfig: { Comment: 'marks app responses', Runtime: 'cloudfront-js-2.0' },
      },
    },
    SecurityHeaders: {
      Type: 'AWS::CloudFront::ResponseHeadersPolicy',
      Properties: {
        ResponseHeadersPolicyConfig: {
          Name: 'spendwise-dev-security',
          SecurityHeadersConfig: {
            ContentSecurityPolicy: { ContentSecurityPolicy: "default-src 'self'", Override: true },
            ContentTypeOptions: { Override: true },
            FrameOptions: { FrameOption: 'DENY', Override: true },
            ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
            StrictTransportSecurity: {
              AccessControlMaxAgeSec: 63072000,
              IncludeSubdomains: true,
              Preload: true,
              Override: true,
            },
          },
          CustomHeadersConfig: {
            Items: [{ Header: 'Permissions-Policy', Value: 'camera=()', Override: false }],
          },
        },
      },
    },
    WebAcl: {
      Type: 'AWS::WAFv2::WebACL',
      Properties: {
        Name: 'spendwise-dev-web',
        Scope: 'CLOUDFRONT',
        DefaultAction: { Allow: {} },
        VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'web' },
        CustomResponseBodies: {
          TooManyReports: { ContentType: 'APPLICATION_JSON', Content: '{"code":"TOO_MANY_REQUESTS"}' },
        },
        Rules: [
          managed('AWSManagedRulesAmazonIpReputationList', 0),
          managed('AWSManagedRulesCommonRuleSet', 1),
          managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
          rateRule(
            'ReportRequestsPerIp',
            3,
            REPORTS_LIMIT,
            {
              ScopeDownStatement: {
                AndStatement: {
                  Statements: [
                    byteMatch('Method', 'POST'),
                    byteMatch('UriPath', '/api/insights/reports', 'STARTS_WITH'),
                  ],
                },
              },
            },
            {
              Block: {
                CustomResponse: {
                  ResponseCode: 429,
                  CustomResponseBodyKey: 'TooManyReports',
                  ResponseHeaders: [{ Name: 'retry-after', Value: '300' }],
                },
              },
            },
          ),
          rateRule(
            'RequestsPerIp',
            4,
            GLOBAL_LIMIT,
            {},
            { Block: { CustomResponse: { ResponseCode: 403 } } },
          ),
        ],
      },
    },
    Distribution: {
      Type: 'AWS::CloudFront::Distribution',
      Properties: {
        DistributionConfig: {
          Enabled: true,
          Aliases: [{ Ref: 'DomainName' }],
          ViewerCertificate: {
            AcmCertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/0000',
            SslSupportMethod: 'sni-only',
          },
          DefaultRootObject: 'index.html',
          HttpVersion: 'http2and3',
          WebACLId: { 'Fn::GetAtt': ['WebAcl', 'Arn'] },
          Origins: [
            {
              Id: 'web',
              DomainName: { 'Fn::GetAtt': ['WebBucket', 'RegionalDomainName'] },
              OriginAccessControlId: { 'Fn::GetAtt': ['WebOriginAccessControl', 'Id'] },
              S3OriginConfig: { OriginAccessIdentity: '' },
            },
            apiOrigin('expenses', 'expenses'),
            apiOrigin('insights', 'insights'),
          ],
          CacheBehaviors: [
            apiBehavior('/api/expenses*', 'expenses'),
            apiBehavior('/api/insights/*', 'insights'),
            {
              PathPattern: '/assets/*',
              TargetOriginId: 'web',
              ViewerProtocolPolicy: 'redirect-to-https',
              CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
              ResponseHeadersPolicyId: { Ref: 'SecurityHeaders' },
              Compress: true,
            },
          ],
          DefaultCacheBehavior: {
            TargetOriginId: 'web',
            ViewerProtocolPolicy: 'redirect-to-https',
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            ResponseHeadersPolicyId: { Ref: 'SecurityHeaders' },
            FunctionAssociations: [
              {
                EventType: 'viewer-response',
                FunctionARN: { 'Fn::GetAtt': ['MarkResponse', 'FunctionARN'] },
              },
            ],
            Compress: true,
          },
          CustomErrorResponses: [
            { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
            { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
          ],
        },
      },
    },
  },
  Outputs: {
    DistributionDomainName: { Value: { 'Fn::GetAtt': ['Distribution', 'DomainName'] } },
  },
};

/** The four stacks in compose order. */
export const fixtureStacks = (): StackInput[] => [
  { name: 'platform', dir: '/tmp/platform', template: platform },
  { name: 'expenses', dir: '/tmp/expenses', template: service('expenses', '/expenses') },
  { name: 'insights', dir: '/tmp/insights', template: service('insights', '/insights/reports') },
  { name: 'edge', dir: '/tmp/edge', template: edge },
];
