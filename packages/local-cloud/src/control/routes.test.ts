import { describe, expect, it } from '@jest/globals';
import type { AwsRequest, LocalRoute } from '../core/protocol';
import { type ControlTarget, controlRoutes } from './routes';

const target = (overrides: Partial<ControlTarget> = {}): ControlTarget => ({
  mintToken: async (user, scopes) => `token-for-${user}${scopes ? `-${scopes.join('+')}` : ''}`,
  invoke: async (ref, payload) => ({ ok: true, ref, payload }),
  tail: () => () => {},
  queues: () => [{ name: 'q', visible: 1 }],
  redrive: async (queue) => ({ moved: 2, destination: `${queue}-source` }),
  executions: (limit) => Array.from({ length: limit }, (_, i) => ({ name: `run-${i}` })),
  schedules: () => [],
  runSchedule: async () => {},
  alarms: () => [],
  setModelFaults: (faults) => ({ faults }),
  functions: () => [],
  settle: async (timeoutMs) => ({ settled: true, timeoutMs }),
  ...overrides,
});

const request = (method: string, path: string, body?: unknown, query = ''): AwsRequest => ({
  service: '',
  protocol: 'rest',
  action: '',
  method,
  path,
  query: new URLSearchParams(query),
  headers: {},
  body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
  http2: false,
});

const call = async (routes: LocalRoute[], req: AwsRequest) => {
  const route = routes.find(
    (r) =>
      r.method === req.method &&
      (r.path.endsWith('*') ? req.path.startsWith(r.path.slice(0, -1)) : r.path === req.path),
  );
  if (!route) throw new Error(`no route for ${req.method} ${req.path}`);
  const response = await route.handle(req);
  return { status: response.status, body: JSON.parse(String(response.body)) };
};

describe('the control API', () => {
  it('mints a token for the named user with the scopes asked for', async () => {
    const answer = await call(
      controlRoutes(target()),
      request('POST', '/_local/token', { user: 'alice', scopes: ['a', 'b'] }),
    );

    expect(answer).toEqual({ status: 200, body: { token: 'token-for-alice-a+b' } });
  });

  it('refuses a token request without a user', async () => {
    await expect(call(controlRoutes(target()), request('POST', '/_local/token', {}))).rejects.toMatchObject({
      status: 400,
      code: 'InvalidRequest',
    });
  });

  it('invokes the function named in the path with the body as its event', async () => {
    const answer = await call(
      controlRoutes(target()),
      request('POST', '/_local/invoke/spendwise-expenses-dev-getExpense', { a: 1 }),
    );

    expect(answer.body).toEqual({ ok: true, ref: 'spendwise-expenses-dev-getExpense', payload: { a: 1 } });
  });

  it('limits the executions listed', async () => {
    const answer = await call(
      controlRoutes(target()),
      request('GET', '/_local/executions', undefined, 'limit=3'),
    );

    expect(answer.body).toHaveLength(3);
  });

  it('streams bus events as server-sent events and stops tailing when the client leaves', async () => {
    let listener: ((bus: string, event: never) => void) | undefined;
    let stopped = false;
    const routes = controlRoutes(
      target({
        tail: (l) => {
          listener = l as typeof listener;
          return () => {
            stopped = true;
          };
        },
      }),
    );
    const route = routes.find((r) => r.path === '/_local/events/stream') as LocalRoute;
    const response = await route.handle(request('GET', '/_local/events/stream'));
    const iterator = (response.stream as AsyncIterable<string>)[Symbol.asyncIterator]();

    const greeting = await iterator.next();
    const next = iterator.next();
    listener?.('spendwise-dev', { source: 'spendwise.expenses' } as never);
    const frame = await next;
    await iterator.return?.();

    expect(response.headers?.['content-type']).toBe('text/event-stream');
    expect(greeting.value).toMatch(/^:/);
    expect(JSON.parse(String(frame.value).replace(/^data: /, ''))).toEqual({
      bus: 'spendwise-dev',
      event: { source: 'spendwise.expenses' },
    });
    expect(stopped).toBe(true);
  });

  it('settles the local cloud, within the timeout asked for or 60 s', async () => {
    const routes = controlRoutes(target());

    const asked = await call(routes, request('POST', '/_local/settle', { timeoutMs: 5000 }));
    const byDefault = await call(routes, request('POST', '/_local/settle'));

    expect(asked).toEqual({ status: 200, body: { settled: true, timeoutMs: 5000 } });
    expect(byDefault.body).toEqual({ settled: true, timeoutMs: 60_000 });
  });

  it('refuses a settle timeout that is not a whole number of milliseconds up to 10 minutes', async () => {
    for (const timeoutMs of ['5', 0, 1.5, 600_001]) {
      await expect(
        call(controlRoutes(target()), request('POST', '/_local/settle', { timeoutMs })),
      ).rejects.toMatchObject({ status: 400, code: 'InvalidRequest' });
    }
  });
});
