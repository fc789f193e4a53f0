import { ApiProblem } from './problem';

export interface HttpRequest {
  query?: Record<string, string | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface HttpAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface HttpOptions {
  /** `apiBase` of the runtime configuration (`/api`). */
  base: string;
  /** The bearer token of the session, or undefined when there is none. */
  token: () => string | undefined;
  /** Called on a 401 (expired or refused token) before the problem is thrown. */
  onUnauthorized: () => void;
}

export type Http = <T>(method: string, path: string, request?: HttpRequest) => Promise<HttpAnswer<T>>;

const isJson = (response: Response) => /json/.test(response.headers.get('content-type') ?? '');

/**
 * Calls an API under `base` with the session's token; answers 2xx/304, throws an ApiProblem otherwise.
 *
 * @example
 * const http = createHttp({ base: '/api', token: () => session?.accessToken, onUnauthorized });
 * const { body } = await http<{ items: Expense[] }>('GET', '/expenses', { query: { month: '2026-12' } });
 */
export function createHttp(options: HttpOptions): Http {
  return async <T>(method: string, path: string, request: HttpRequest = {}): Promise<HttpAnswer<T>> => {
    let response: Response;
    try {
      response = await fetch(urlOf(options.base, path, request.query), {
        method,
        headers: headersOf(options.token(), request),
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        ...(request.signal ? { signal: request.signal } : {}),
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      throw new ApiProblem(0, 'NETWORK_ERROR', (error as Error).message);
    }
    const body = isJson(response) ? await response.json().catch(() => undefined) : undefined;
    if (response.ok || response.status === 304)
      return { status: response.status, headers: response.headers, body };
    if (response.status === 401) options.onUnauthorized();
    throw problemOf(response, body);
  };
}

function urlOf(base: string, path: string, query: HttpRequest['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, value);
  return `${base}${path}${params.size ? `?${params}` : ''}`;
}

function headersOf(token: string | undefined, request: HttpRequest): Record<string, string> {
  return {
    accept: 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...request.headers,
  };
}

/** A problem+json answer as an ApiProblem; answers without one get a code from their status. */
function problemOf(response: Response, body: unknown): ApiProblem {
  const problem = (body ?? {}) as Record<string, unknown>;
  const detail = typeof problem.detail === 'string' ? problem.detail : String(problem.message ?? '');
  return new ApiProblem(
    response.status,
    typeof problem.code === 'string' ? problem.code : codeOf(response.status),
    detail || response.statusText || `HTTP ${response.status}`,
    Array.isArray(problem.errors) ? problem.errors : [],
    problem,
    response.headers,
  );
}

/** API Gateway's own answers (401 from the authorizer, 429, 403 from WAF) carry no problem code. */
function codeOf(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 429) return 'TOO_MANY_REQUESTS';
  if (status === 404) return 'NOT_FOUND';
  return status >= 500 ? 'SERVICE_UNAVAILABLE' : 'BAD_REQUEST';
}

/**
 * Runs `attempt` again after a network failure or a 5xx/409 CONCURRENT_CHANGE (honouring Retry-After), at most
 * `retries` times. Only for requests that are safe to repeat: reads, PUTs, or POSTs with an Idempotency-Key.
 */
export async function withRetries<T>(attempt: () => Promise<T>, retries = 2): Promise<T> {
  for (let tried = 0; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      const retryable =
        error instanceof ApiProblem &&
        (error.status === 0 || error.status >= 500 || error.code === 'CONCURRENT_CHANGE');
      if (!retryable || tried >= retries) throw error;
      const after = Number((error as ApiProblem).headers.get('retry-after'));
      const waitMs = Number.isFinite(after) && after > 0 ? Math.min(after, 5) * 1000 : 300 * 2 ** tried;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
