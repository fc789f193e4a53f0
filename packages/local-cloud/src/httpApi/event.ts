import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ApiRequest } from './request';
import type { RouteMatch } from './routeMatcher';

/** What API Gateway knows about the request besides the request itself. */
export interface EventContext {
  accountId: string;
  apiId: string;
  region: string;
  requestId: string;
  stageVariables?: Record<string, string>;
  /** Claims and scopes from the JWT authorizer, when the route has one. */
  jwt?: { claims: Record<string, string>; scopes: string[] | null };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (value: number) => String(value).padStart(2, '0');

/** `12/Mar/2020:19:03:58 +0000`, the format of `requestContext.time`. */
export const requestTime = (at: Date) =>
  `${pad(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:` +
  `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} +0000`;

/** Bodies API Gateway passes as text; every other body (or none declared) is base64-encoded. */
export function isTextBody(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    /^application\/([\w.+-]+\+)?(json|xml)$/.test(type) ||
    type === 'application/javascript'
  );
}

/** Builds the payload format 2.0 event for a matched request. Empty optional fields are left out, as AWS does. */
export function buildEvent(
  request: ApiRequest,
  match: RouteMatch,
  context: EventContext,
): APIGatewayProxyEventV2 {
  const { cookie, ...headers } = request.headers;
  const host = request.headers.host ?? `${context.apiId}.execute-api.${context.region}.amazonaws.com`;
  const domainName = host.replace(/:\d+$/, '');
  const text = isTextBody(request.headers['content-type']);
  const query = queryParameters(request.rawQueryString);
  return {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(cookie
      ? {
          cookies: cookie
            .split(';')
            .map((part) => part.trim())
            .filter(Boolean),
        }
      : {}),
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      ...(context.jwt ? { authorizer: { jwt: context.jwt } } : {}),
      domainName,
      domainPrefix: /^[\d.]+$|^localhost$/.test(domainName) ? context.apiId : domainName.split('.')[0]!,
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: request.headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: match.route.routeKey,
      stage: '$default',
      time: requestTime(request.receivedAt),
      timeEpoch: request.receivedAt.getTime(),
    },
    ...(Object.keys(match.pathParameters).length > 0 ? { pathParameters: match.pathParameters } : {}),
    ...(request.body.length > 0 ? { body: request.body.toString(text ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: request.body.length > 0 && !text,
    ...(context.stageVariables ? { stageVariables: context.stageVariables } : {}),
  } as APIGatewayProxyEventV2;
}

/**
 * Decoded query parameters, repeated keys joined with ','; undefined when there are none. A null-prototype
 * object, so every name is an own parameter: `__proto__=x` is passed on (and refused by the function's
 * validation like any unknown parameter), not swallowed as a prototype assignment.
 */
export function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const parameters = Object.create(null) as Record<string, string>;
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    parameters[name] = Object.hasOwn(parameters, name) ? `${parameters[name]},${value}` : value;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}
