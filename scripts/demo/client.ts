/**
 * The demo's, end-to-end tests' and benchmarks' view of the Spendwise APIs: `@spendwise/client` (typed, generated
 * from the OpenAPI documents) for a user's token and the per-service endpoints a running local cloud lists in
 * endpoints.json (or deployed APIs), plus `call`/`expect` for checks of raw statuses. With `validateResponses`
 * every answer is checked against the OpenAPI documents, and a mismatch fails the call.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type SpendwiseClient as Api, createSpendwiseClient, type ServiceName } from '@spendwise/client';
import { createResponseValidator, type OpenApiDocument } from '@spendwise/client/validation';

export type { ServiceName };

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface SpendwiseClient {
  /** The typed client of every API (throws a ProblemError on 4xx/5xx). */
  api: Api;
  /** Sends one request to a service's API, without throwing on 4xx/5xx. */
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

const OPENAPI_DIR = fileURLToPath(new URL('../../docs/openapi/', import.meta.url));

/** The committed OpenAPI documents (docs/openapi), by service. */
export function openApiDocuments(): Record<string, OpenApiDocument> {
  return Object.fromEntries(
    readdirSync(OPENAPI_DIR)
      .filter((name) => name.endsWith('.openapi.json'))
      .map((name) => [
        name.replace('.openapi.json', ''),
        JSON.parse(readFileSync(`${OPENAPI_DIR}${name}`, 'utf8')),
      ]),
  );
}

export interface BuildClientOptions {
  /** Check every answer against the OpenAPI documents; a mismatch fails the call (the end-to-end tests do). */
  validateResponses?: boolean;
  /** Resends of requests safe to repeat (default 0: a test sees every answer as the API gave it). */
  retries?: number;
}

/**
 * Builds a client for the given API base URLs and bearer token.
 *
 * @example
 * const client = buildClient(endpoints.apis, token);
 * const { data: expense } = await client.api.expenses.create({ amount, date });
 */
export function buildClient(
  apis: Partial<Record<ServiceName, string>>,
  token: string,
  options: BuildClientOptions = {},
): SpendwiseClient {
  const validator = options.validateResponses ? createResponseValidator(openApiDocuments()) : undefined;
  const api = createSpendwiseClient({
    baseUrls: apis,
    getToken: () => token,
    retries: options.retries ?? 0,
    ...(validator ? { middleware: [validator.middleware] } : {}),
  });
  const call = async <T>(
    service: ServiceName,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> => {
    if (!apis[service]) throw new Error(`No API endpoint for the ${service} service: is it deployed?`);
    const answer = await api.request(service, method, path, { body, headers });
    return { status: answer.status, headers: answer.headers, body: answer.body as T };
  };
  return {
    api,
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
