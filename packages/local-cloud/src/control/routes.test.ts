import { describe, expect, it } from '@jest/globals';
import { InvalidScopeError } from '../auth/mintToken';
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
  modelRequests: (limit) => Array.from({ length: limit ?? 2 }, (_, i) => ({ sequence: i + 1 })),
  functions: () => [],
  s3: (bucket, prefix) => (bucket ? [{ key: `${prefix ?? ''}k`, size: 1 }] : [{ name: 'b', objects: 1 }]),
  settle: async (timeoutMs) => ({ settled: true, timeoutMs }),
  iamDenials: () => ({ mode: 'report', denials: [] }),
  iamCredentials: (name) => (name === 'fn' ? { AccessKeyId: 'ASIAFN' } : undefined),
  ...overrides,
});

const request = (method: string, path: string, body?: unknown, query = ''): AwsRequest => ({
  service: '',
  protocol: 'rest',
  action: '',
  method,
  path,
  query: new URLSearchParams(query),
  headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
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

  it('answers a token request for a scope the app client does not allow with 400 InvalidScope', async () => {
    const routes = controlRoutes(
      target({
        mintToken: async (_user, scopes) => {
          throw new InvalidScopeError('client-1', scopes ?? []);
        },
      }),
    );

    await expect(
      call(routes, request('POST', '/_local/token', { user: 'alice', scopes: ['admin/everything'] })),
    ).rejects.toMatchObject({ status: 400, code: 'InvalidScope' });
  });

  it('refuses scopes that are not an array of strings', async () => {
    await expect(
      call(controlRoutes(target()), request('POST', '/_local/token', { user: 'alice', scopes: 'a b' })),
    ).rejects.toMatchObject({ status: 400, code: 'InvalidRequest' });
  });

  it.each([
    ['a form', 'application/x-www-form-urlencoded'],
    ['plain text', 'text/plain'],
    ['no content type', undefined],
  ])(
    'refuses a POST with %s instead of JSON (415), as a browser form or no-cors fetch sends',
    async (_, type) => {
      const post = request('POST', '/_local/token', { user: 'alice' });
      post.headers = type ? { 'content-type': type } : {};

      await expect(call(controlRoutes(target()), post)).rejects.toMatchObject({
        status: 415,
        code: 'UnsupportedMediaType',
      });
    },
  );

  it('accepts JSON with a charset', async () => {
    const post = request('POST', '/_local/token', { user: 'alice' });
    post.headers = { 'content-type': 'application/json; charset=utf-8' };

    await expect(call(controlRoutes(target()), post)).resolves.toMatchObject({ status: 200 });
  });

  it.each(['foo', '__proto__', 'constructor', 'hasOwnProperty'])(
    'refuses an unknown query parameter %s with 400',
    async (name) => {
      const answer = call(
        controlRoutes(target()),
        request('POST', '/_local/token', { user: 'alice' }, `${name}=x`),
      );

      await expect(answer).rejects.toMatchObject({ status: 400, code: 'InvalidRequest' });
    },
  );

  it.each(['0', '-1', 'abc', '2.5', '1001'])('refuses an executions limit of %s', async (limit) => {
    await expect(
      call(controlRoutes(target()), request('GET', '/_local/executions', undefined, `limit=${limit}`)),
    ).rejects.toMatchObject({ status: 400, code: 'InvalidRequest' });
  });

  it('invokes the function named in the path with the body as its event', async () => {
    const answer = await call(
      controlRoutes(target()),
      request('POST', '/_local/invoke/spendwise-expenses-dev-getExpense', { a: 1 }),
    );

    expect(answer.body).toEqual({ ok: true, ref: 'spendwise-expenses-dev-getExpense', payload: { a: 1 } });
  });

  it("lists the local S3's buckets, or one bucket's objects under a prefix", async () => {
    const routes = controlRoutes(target());

    expect((await call(routes, request('GET', '/_local/s3'))).body).toEqual([{ name: 'b', objects: 1 }]);
    expect(
      (await call(routes, request('GET', '/_local/s3', undefined, 'bucket=b&prefix=receipts/'))).body,
    ).toEqual([{ key: 'receipts/k', size: 1 }]);
    await expect(
      call(routes, request('GET', '/_local/s3', undefined, 'bucket=b&delimiter=/')),
    ).rejects.toMatchObject({
      status: 400,
      code: 'InvalidRequest',
    });
  });

  it('limits the executions listed', async () => {
    const answer = await call(
      controlRoutes(target()),
      request('GET', '/_local/executions', undefined, 'limit=3'),
    );

    expect(answer.body).toHaveLength(3);
  });

  it("lists the model's last requests, all or the newest few, and refuses a limit that is not a positive integer", async () => {
    const routes = controlRoutes(target());

    const all = await call(routes, request('GET', '/_local/model/requests'));
    const newest = await call(routes, request('GET', '/_local/model/requests', undefined, 'limit=3'));

    expect(all).toEqual({ status: 200, body: { requests: [{ sequence: 1 }, { sequence: 2 }] } });
    expect(newest.body.requests).toHaveLength(3);
    for (const limit of ['0', '-1', 'ten', '1.5'])
      await expect(
        call(routes, request('GET', '/_local/model/requests', undefined, `limit=${limit}`)),
      ).rejects.toMatchObject({ status: 400, code: 'InvalidRequest' });
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
