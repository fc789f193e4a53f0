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
  functions(): unknown[];
  /** Resolves once the local cloud's asynchronous work is done (see RunningLocalCloud.settled). */
  settle(timeoutMs: number): Promise<unknown>;
}

const json = (body: unknown, status = 200): AwsResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

function bodyOf(request: AwsRequest): Record<string, unknown> {
  if (request.body.length === 0) return {};
  try {
    return JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new AwsApiError(400, 'InvalidRequest', 'The body must be JSON');
  }
}

function required(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '')
    throw new AwsApiError(400, 'InvalidRequest', `"${name}" is required`);
  return value;
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
 * cloud. Loopback only, like everything the local cloud serves.
 */
export function controlRoutes(target: ControlTarget): LocalRoute[] {
  const route = (
    method: string,
    path: string,
    handle: (request: AwsRequest) => Promise<AwsResponse>,
  ): LocalRoute => ({
    method,
    path: `/_local/${path}`,
    handle,
  });
  return [
    route('GET', 'health', async () => json({ ready: true })),
    route('POST', 'token', async (request) => {
      const body = bodyOf(request);
      return json({
        token: await target.mintToken(required(body, 'user'), body.scopes as string[] | undefined),
      });
    }),
    route('POST', 'invoke/*', async (request) =>
      json(
        await target.invoke(
          decodeURIComponent(request.path.slice('/_local/invoke/'.length)),
          bodyOf(request),
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
    route('GET', 'executions', async (request) =>
      json(target.executions(Number(request.query.get('limit') ?? 20))),
    ),
    route('GET', 'schedules', async () => json(target.schedules())),
    route('POST', 'schedules/run', async (request) => {
      await target.runSchedule(required(bodyOf(request), 'name'));
      return json({ fired: true });
    }),
    route('GET', 'alarms', async () => json(target.alarms())),
    route('POST', 'model/faults', async (request) => json(target.setModelFaults(bodyOf(request)))),
    route('GET', 'functions', async () => json(target.functions())),
    route('POST', 'settle', async (request) => json(await target.settle(timeoutOf(bodyOf(request))))),
  ];
}
