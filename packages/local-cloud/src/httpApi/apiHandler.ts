import { performance } from 'node:perf_hooks';
import type { LocalCloud } from '../core/context';
import { isPreflight, preflightHeaders, withCorsHeaders } from './cors';
import { buildEvent, type EventContext, queryParameters } from './event';
import { newRequestId } from './ids';
import { invokeWithTimeout } from './invokeWithTimeout';
import { authorizeJwt, type IssuerKeys } from './jwtAuthorizer';
import { type ApiDef, MAX_PAYLOAD_BYTES, type RouteDef } from './model';
import type { ApiRequest } from './request';
import { type ApiResponse, gatewayError, MalformedResponseError, responseOf } from './response';
import { type RouteMatch, RouteMatcher } from './routeMatcher';

/** How long one request spent in the local API layer and in the function. */
export interface RequestTiming {
  apiId: string;
  requestId: string;
  routeKey?: string;
  status: number;
  totalMs: number;
  /** Time waiting for `ctx.lambda.invoke` (0 when no function ran). */
  integrationMs: number;
  /** totalMs − integrationMs: routing, authorizer, event and response mapping. */
  overheadMs: number;
}

/** The answer to one request, with its timing. */
export interface HandledRequest {
  response: ApiResponse;
  timing: RequestTiming;
}

/** Serves one HTTP API's requests: limits, CORS, routing, JWT authorizer, Lambda proxy integration. */
export class ApiHandler {
  private readonly matcher: RouteMatcher;

  constructor(
    private readonly api: ApiDef,
    private readonly ctx: LocalCloud,
    private readonly keys: IssuerKeys,
  ) {
    this.matcher = new RouteMatcher(api.routes);
  }

  async handle(request: ApiRequest): Promise<HandledRequest> {
    const started = performance.now();
    const requestId = newRequestId();
    const state = { integrationMs: 0, routeKey: undefined as string | undefined };
    const answer = await this.respond(request, requestId, state);
    const headers = { ...answer.headers, 'apigw-requestid': requestId, 'x-amzn-requestid': requestId };
    const response = { ...answer, headers: this.withCors(request, headers) };
    const totalMs = performance.now() - started;
    const timing = { apiId: this.api.apiId, requestId, routeKey: state.routeKey, status: response.status };
    const overheadMs = totalMs - state.integrationMs;
    return { response, timing: { ...timing, totalMs, integrationMs: state.integrationMs, overheadMs } };
  }

  private async respond(
    request: ApiRequest,
    requestId: string,
    state: { integrationMs: number; routeKey?: string },
  ): Promise<ApiResponse> {
    if (request.oversized || request.body.length > MAX_PAYLOAD_BYTES)
      return gatewayError(413, 'Request Entity Too Large');
    if (this.api.cors && isPreflight(request.method, request.headers)) {
      return {
        status: 204,
        headers: preflightHeaders(this.api.cors, request.headers),
        body: Buffer.alloc(0),
      };
    }
    const match = this.matcher.match(request.method, request.rawPath);
    if (!match) return gatewayError(404, 'Not Found');
    state.routeKey = match.route.routeKey;
    const authorized = await this.authorize(request, match.route);
    if ('status' in authorized) return authorized;
    const started = performance.now();
    try {
      return await this.integrate(request, match, { ...this.eventContext(requestId), jwt: authorized.jwt });
    } finally {
      state.integrationMs = performance.now() - started;
    }
  }

  /** The JWT authorizer's claims for the event, or API Gateway's 401/403. */
  private async authorize(
    request: ApiRequest,
    route: RouteDef,
  ): Promise<ApiResponse | { jwt?: EventContext['jwt'] }> {
    if (route.authorizationType === 'NONE') return {};
    const authorizer = route.authorizerId ? this.api.authorizers.get(route.authorizerId) : undefined;
    if (route.authorizationType !== 'JWT' || authorizer?.type !== 'JWT')
      return gatewayError(401, 'Unauthorized');
    const decision = await authorizeJwt({
      token: identityOf(request, authorizer.identitySource[0] ?? '$request.header.Authorization'),
      authorizer,
      routeScopes: route.authorizationScopes,
      keys: this.keys,
    });
    if (!decision.ok) {
      return gatewayError(decision.status, decision.message, {
        'www-authenticate': decision.wwwAuthenticate,
      });
    }
    return { jwt: { claims: decision.claims, scopes: decision.scopes } };
  }

  private async integrate(
    request: ApiRequest,
    match: RouteMatch,
    context: EventContext,
  ): Promise<ApiResponse> {
    const integration = match.route.integrationId
      ? this.api.integrations.get(match.route.integrationId)
      : undefined;
    if (
      !integration?.functionRef ||
      integration.type !== 'AWS_PROXY' ||
      integration.payloadFormatVersion !== '2.0'
    ) {
      return gatewayError(500, 'Internal Server Error');
    }
    if (!(await this.mayInvoke(request, match, integration.functionRef))) {
      return gatewayError(500, 'Internal Server Error');
    }
    const event = buildEvent(request, match, context);
    const outcome = await invokeWithTimeout(
      this.ctx.lambda,
      integration.functionRef,
      event,
      integration.timeoutMs,
    );
    if (outcome.ok === 'timeout') return gatewayError(503, 'Service Unavailable');
    if (!outcome.ok) return gatewayError(500, 'Internal Server Error');
    try {
      return responseOf(outcome.result);
    } catch (error) {
      if (!(error instanceof MalformedResponseError)) throw error;
      this.ctx.log(
        `${this.api.name} ${match.route.routeKey}: malformed Lambda response (${error.message}) → 500`,
      );
      return gatewayError(500, 'Internal Server Error');
    }
  }

  /**
   * API Gateway invokes the function as `apigateway.amazonaws.com` with the route's execute-api ARN as
   * `aws:SourceArn`: the function's resource policy (its AWS::Lambda::Permission) must allow it. When it does
   * not, AWS answers the client 500 and the function never runs; the denial is in `iam denials`.
   */
  private async mayInvoke(request: ApiRequest, match: RouteMatch, functionRef: string): Promise<boolean> {
    const iam = this.ctx.iam;
    if (!iam) return true;
    const { accountId, region } = this.ctx.config;
    const path = request.rawPath.replace(/^\//, '');
    const sourceArn = `arn:aws:execute-api:${region}:${accountId}:${this.api.apiId}/$default/${request.method}/${path}`;
    const denial = await iam.authorizeCall({
      principal: 'apigateway.amazonaws.com',
      service: 'lambda',
      operation: 'Invoke',
      input: { FunctionName: functionRef },
      context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': accountId },
      caller: `HTTP API ${this.api.name} route ${match.route.routeKey}`,
    });
    if (denial)
      this.ctx.log(
        `${this.api.name} ${match.route.routeKey}: API Gateway may not invoke ${functionRef} (no Lambda permission allows it) → 500`,
      );
    return denial === undefined;
  }

  private eventContext(requestId: string): EventContext {
    const { accountId, region } = this.ctx.config;
    return { accountId, region, apiId: this.api.apiId, requestId, stageVariables: this.api.stageVariables };
  }

  /** CORS headers on every answer but a preflight's, which carries its own. */
  private withCors(request: ApiRequest, headers: ApiResponse['headers']): ApiResponse['headers'] {
    if (!this.api.cors || isPreflight(request.method, request.headers)) return headers;
    return withCorsHeaders(this.api.cors, request.headers.origin, headers);
  }
}

/** The token from an identity source: `$request.header.<name>` or `$request.querystring.<name>`. */
function identityOf(request: ApiRequest, source: string): string | undefined {
  const header = /^\$request\.header\.(.+)$/.exec(source);
  if (header) return request.headers[header[1]!.toLowerCase()];
  const query = /^\$request\.querystring\.(.+)$/.exec(source);
  return query ? queryParameters(request.rawQueryString)?.[query[1]!] : undefined;
}
