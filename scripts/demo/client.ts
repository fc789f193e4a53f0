/**
 * A small HTTP client for the Spendwise service APIs, shared by `pnpm demo`, the end-to-end tests and the
 * latency benchmark. It speaks to the per-service endpoints a running local cloud lists in endpoints.json (or
 * to deployed APIs), with a bearer token, and returns status, headers and the parsed body without throwing on
 * 4xx/5xx: callers decide what an answer means.
 */

export type ServiceName = 'expenses' | 'catalog' | 'insights' | 'notifications';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface SpendwiseClient {
  /** Sends one request to a service's API. */
  call<T = unknown>(
    service: ServiceName,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<T>>;
  /** Like `call`, but throws a readable error unless the status is the expected one (or one of them). */
  expect<T = unknown>(
    status: number | number[],
    service: ServiceName,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T>;
}

/** Thrown by `expect` when an API answers with another status than the one asked for. */
export class UnexpectedStatusError extends Error {
  constructor(
    readonly request: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${request} answered ${status}: ${JSON.stringify(body)}`);
    this.name = 'UnexpectedStatusError';
  }
}

/**
 * Builds a client for the given API base URLs and bearer token.
 *
 * @example
 * const client = buildClient(endpoints.apis, token);
 * const expense = await client.expect(201, 'expenses', 'POST', '/expenses', { amount, date });
 */
export function buildClient(apis: Partial<Record<ServiceName, string>>, token: string): SpendwiseClient {
  const call = async <T>(
    service: ServiceName,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> => {
    const base = apis[service];
    if (!base) throw new Error(`No API endpoint for the ${service} service: is it deployed?`);
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  };
  return {
    call,
    expect: async <T>(
      status: number | number[],
      service: ServiceName,
      method: string,
      path: string,
      body?: unknown,
      headers?: Record<string, string>,
    ): Promise<T> => {
      const response = await call<T>(service, method, path, body, headers);
      if (!(Array.isArray(status) ? status : [status]).includes(response.status)) {
        throw new UnexpectedStatusError(`${method} ${service}${path}`, response.status, response.body);
      }
      return response.body;
    },
  };
}

/**
 * Polls `probe` until it returns something other than undefined, or fails after `timeoutMs` with `what` in
 * the message (asynchronous flows in Spendwise settle in well under a second locally).
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  { timeoutMs = 20_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
