/** `CorsConfiguration` of an `AWS::ApiGatewayV2::Api`. */
export interface CorsConfig {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAge?: number;
  allowCredentials: boolean;
}

/** An `AWS::ApiGatewayV2::Integration` as the local API serves it. */
export interface IntegrationDef {
  id: string;
  logicalId: string;
  type: string;
  /** Function ARN (or name) to invoke; the `arn:aws:apigateway:…:lambda:path/…/functions/<arn>/invocations` form is unwrapped. */
  functionRef?: string;
  payloadFormatVersion: string;
  timeoutMs: number;
}

/** An `AWS::ApiGatewayV2::Authorizer` of type JWT. */
export interface AuthorizerDef {
  id: string;
  logicalId: string;
  type: string;
  issuer?: string;
  audience: string[];
  /** e.g. `$request.header.Authorization`. */
  identitySource: string[];
}

/** An `AWS::ApiGatewayV2::Route`. */
export interface RouteDef {
  id: string;
  logicalId: string;
  routeKey: string;
  /** Integration id from `integrations/<id>`. */
  integrationId?: string;
  authorizationType: string;
  authorizerId?: string;
  authorizationScopes: string[];
}

/** Everything the templates declared for one HTTP API. */
export interface ApiDef {
  stack: string;
  logicalId: string;
  apiId: string;
  name: string;
  protocolType: string;
  cors?: CorsConfig;
  routes: RouteDef[];
  integrations: Map<string, IntegrationDef>;
  authorizers: Map<string, AuthorizerDef>;
  stageVariables?: Record<string, string>;
}

/** The limits of an HTTP API (API Gateway quotas). */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;
