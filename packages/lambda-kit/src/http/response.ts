import type { HttpResponse, HttpResult } from './types';

/**
 * Renders a use case's result: JSON with `content-type: application/json`, no body (and no content type) for 204
 * or an absent body, and `x-correlation-id` always.
 *
 * @example
 * toHttpResponse({ statusCode: 201, body: expense, headers: { location: `/expenses/${expense.id}` } }, correlationId);
 */
export const toHttpResponse = (result: HttpResult, correlationId: string): HttpResponse => {
  const headers: Record<string, string> = { ...result.headers, 'x-correlation-id': correlationId };
  if (result.statusCode === 204 || result.body === undefined) {
    return { statusCode: result.statusCode, headers };
  }
  return {
    statusCode: result.statusCode,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(result.body),
  };
};
