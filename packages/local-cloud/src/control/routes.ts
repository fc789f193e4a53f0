import { InvalidScopeError } from '../auth/mintToken';
import { UnknownIssuerError } from '../auth/userPools';
import { AwsApiError } from '../core/errors';
import type { BusEvent } from '../core/ports';
import type { AwsRequest, AwsResponse, LocalRoute } from '../core/protocol';

/** What the control API needs of the running local cloud. */
export interface ControlTarget {
  mintToken(user: string, scopes?: string[]): Promise<string>;
  invoke(functionRef: string, payload: unknown): Promise<unknown>;
  tail(listener: (busName: string, event: BusEvent) => void): () => void;
  queues(): unknown[];
  redrive(queue: string): Promise<unknown>;
  executions(limit: number): unknown[];
  schedules(): unknown[];
  runSchedule(name: string): Promise<void>;
  alarms(): unknown[];
  setModelFaults(faults: Record<string, unknown>): unknown;
  /** The last requests the local model received, oldest first (the newest `limit` when given). */
  modelRequests(limit?: number): unknown[];
  functions(): unknown[];
  /** The local S3's buckets, or the current objects of one (`prefix` narrows them). */
  s3(bucket?: string, prefix?: string): unknown[];
  /** IAM's mode and what it denied (or, in report mode, would have denied), oldest first. */
  iamDenials(): { mode: string; denials: unknown[] };
  /** A deployed function's local credentials (its role's), or undefined for an unknown function. */
  iamCredentials(functionName: string): unknown;
  /** Resolves once the local cloud's asynchronous work is done (see RunningLocalCloud.settled). */
  settle(timeoutMs: number): Promise<unknown>;
}

const json = (body: unknown, status = 200): AwsResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/**
 * The body of a POST, any JSON value (`{}` when empty): `application/json` only, so a browser cannot send one
 * without a CORS preflight.
 */
function jsonBody(request: AwsRequest): unknown {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new AwsApiError(
      415,
      'UnsupportedMediaType',
      `The control API takes application/json bodies only, not ${mediaType ? mediaType : 'a body without a content type'}`,
    );
  }
  if (request.body.length === 0) return {};
  try {
    return JSON.parse(request.body.toString('utf8'));
  } catch {
    throw new AwsApiError(400, 'InvalidRequest', 'The body must be JSON');
  }
}

/** A POST body that must be a JSON object. */
function bodyOf(request: AwsRequest): Record<string, unknown> {
  const body = jsonBody(request);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AwsApiError(400, 'InvalidRequest', 'The body must be a JSON object');
  return body as Record<string, unknown>;
}

function required(body: Record<string, unknown>, name: string): string {
  const value = Object.hasOwn(body, name) ? body[name] : undefined;
  if (typeof value !== 'string' || value === '')
    throw new AwsApiError(400, 'InvalidRequest', `"${name}" is required`);
  return value;
}

function optionalStrings(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = Object.hasOwn(body, name) ? body[name] : undefined;
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === ''))
    throw new AwsApiError(400, 'InvalidRequest', `"${name}" must be an array of strings`);
  return value as string[];
}

/**
 * The query of a request, refused (400) when it names a parameter the route does not take. Read from the
 * URLSearchParams entries, so no name (`__proto__`, `constructor`) is special.
 */
function queryOf(request: AwsRequest, accepted: readonly string[]): URLSearchParams {
  for (const name of new Set(request.query.keys())) {
    if (!accepted.includes(name))
      throw new AwsApiError(400, 'InvalidRequest', `Unknown query parameter "${name}"`);
    if (request.query.getAll(name).length > 1)
      throw new AwsApiError(400, 'InvalidRequest', `Query parameter "${name}" is given more than once`);
  }
  return request.query;
}

function limitOf(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null) return 20;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(limit) || limit < 1 || limit > 1000)
    throw new AwsApiError(400, 'InvalidRequest', '"limit" must be a whole number from 1 to 1000');
  return limit;
}

/** A token for a scope the app client does not allow, or from a pool or client that does not exist: 400. */
async function mint(target: ControlTarget, user: string, scopes: string[] | undefined): Promise<string> {
  try {
    return await target.mintToken(user, scopes);
  } catch (error) {
    if (error instanceof InvalidScopeError) throw new AwsApiError(400, 'InvalidScope', error.message);
    if (error instanceof UnknownIssuerError) throw new AwsApiError(400, 'UnknownIssuer', error.message);
    throw error;
  }
}

/** `timeoutMs` of a settle request: whole milliseconds up to 10 minutes (default 60 s). */
function timeoutOf(body: Record<string, unknown>): number {
  const value = body.timeoutMs ?? 60_000;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 600_000)
    throw new AwsApiError(
      400,
      'InvalidRequest',
      '"timeoutMs" must be a whole number of milliseconds, 1 to 600000',
    );
  return value;
}

/** Server-sent events of every event on the bus, until the client goes away. */
async function* busStream(target: ControlTarget): AsyncIterable<string> {
  const pending: string[] = [];
  let wake: (() => void) | undefined;
  const stop = target.tail((bus, event) => {
    pending.push(`data: ${JSON.stringify({ bus, event })}\n\n`);
    wake?.();
  });
  try {
    yield ': following the bus\n\n';
    for (;;) {
      while (pending.length > 0) yield pending.shift() as string;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    stop();
  }
}

/**
 * The control API under `/_local/`, on the shared endpoint: what the CLI's commands call on a running local
 * cloud. Loopback only, like everything the local cloud serves; the gateway refuses browser origins and foreign
 * Host names before a route runs, and every POST takes `application/json` only. Unknown query parameters are 400.
 */
export function controlRoutes(target: ControlTarget): LocalRoute[] {
  const route = (
    method: string,
    path: string,
    handle: (request: AwsRequest) => Promise<AwsResponse>,
    acceptedQuery: readonly string[] = [],
  ): LocalRoute => ({
    method,
    path: `/_local/${path}`,
    handle: (request) => {
      queryOf(request, acceptedQuery);
      return handle(request);
    },
  });
  return [
    route('GET', 'health', async () => json({ ready: true })),
    route('POST', 'token', async (request) => {
      const body = bodyOf(request);
      return json({ token: await mint(target, required(body, 'user'), optionalStrings(body, 'scopes')) });
    }),
    route('POST', 'invoke/*', async (request) =>
      json(
        await target.invoke(
          decodeURIComponent(request.path.slice('/_local/invoke/'.length)),
          jsonBody(request),
        ),
      ),
    ),
    route('GET', 'events/stream', async () => ({
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
      stream: busStream(target),
    })),
    route('GET', 'queues', async () => json(target.queues())),
    route('POST', 'queues/redrive', async (request) =>
      json(await target.redrive(required(bodyOf(request), 'queue'))),
    ),
    route('GET', 'executions', async (request) => json(target.executions(limitOf(request.query))), ['limit']),
    route('GET', 'schedules', async () => json(target.schedules())),
    route('POST', 'schedules/run', async (request) => {
      await target.runSchedule(required(bodyOf(request), 'name'));
      return json({ fired: true });
    }),
    route('GET', 'alarms', async () => json(target.alarms())),
    route('GET', 'iam/denials', async () => json(target.iamDenials())),
    route('GET', 'iam/credentials/*', async (request) => {
      const name = decodeURIComponent(request.path.slice('/_local/iam/credentials/'.length));
      const credentials = target.iamCredentials(name);
      if (!credentials)
        throw new AwsApiError(
          404,
          'ResourceNotFoundException',
          `Function not found: ${name} (no stack defines it)`,
        );
      return json(credentials);
    }),
    route('POST', 'model/faults', async (request) => json(target.setModelFaults(bodyOf(request)))),
    route(
      'GET',
      'model/requests',
      async (request) =>
        json({
          requests: target.modelRequests(request.query.has('limit') ? limitOf(request.query) : undefined),
        }),
      ['limit'],
    ),
    route('GET', 'functions', async () => json(target.functions())),
    route(
      'GET',
      's3',
      async (request) =>
        json(target.s3(request.query.get('bucket') ?? undefined, request.query.get('prefix') ?? undefined)),
      ['bucket', 'prefix'],
    ),
    route('POST', 'settle', async (request) => json(await target.settle(timeoutOf(bodyOf(request))))),
  ];
}
