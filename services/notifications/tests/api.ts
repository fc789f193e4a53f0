import { randomUUID } from 'node:crypto';
import type { HttpHandler, HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';

const SCOPES = 'openid spendwise/notifications.read spendwise/notifications.write';

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown> & { code?: string; items?: Record<string, unknown>[] };
}

/** Calls a route's real middy stack with an API Gateway HTTP API event, as the JWT authorizer passes it. */
export async function call(
  handler: HttpHandler,
  input: {
    method: string;
    path: string;
    user: string;
    body?: unknown;
    query?: Record<string, string>;
    pathParameters?: Record<string, string>;
  },
): Promise<ApiAnswer> {
  const event = httpEvent({
    method: input.method,
    path: input.path,
    claims: { sub: input.user, scope: SCOPES },
    requestId: randomUUID(),
    ...(input.body === undefined ? {} : { body: input.body }),
    ...(input.query ? { query: input.query } : {}),
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
  });
  const response = (await handler(event, lambdaContext())) as HttpResponse;
  return {
    status: response.statusCode ?? 0,
    headers: (response.headers ?? {}) as Record<string, string>,
    body: response.body ? JSON.parse(response.body) : {},
  };
}
