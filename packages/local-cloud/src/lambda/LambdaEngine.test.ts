import { afterEach, describe, expect, it } from '@jest/globals';
import type { fakeCloud } from '../testing/fakeCloud';
import type { LambdaEngine } from './LambdaEngine';
import { deployFixtures } from './testing/deployFixtures';

const engines: LambdaEngine[] = [];

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
});

async function deployed(...args: Parameters<typeof deployFixtures>) {
  const deployment = await deployFixtures(...args);
  engines.push(deployment.engine);
  return deployment;
}

const linesOf = (recorded: ReturnType<typeof fakeCloud>['recorded']) => recorded.logs.map((l) => l.line);

describe('LambdaEngine', () => {
  it('starts cold, then reuses the warm environment and its module state', async () => {
    const source = 'let count = 0; export const handler = async () => ({ count: ++count });';
    const { engine } = await deployed([{ name: 'counter', source }]);

    const first = await engine.invoke('counter', {});
    const second = await engine.invoke('counter', {});

    expect(first).toMatchObject({ ok: true, result: { count: 1 }, coldStart: true });
    expect(second).toMatchObject({ ok: true, result: { count: 2 }, coldStart: false });
    expect(engine.functions()[0]).toMatchObject({ name: 'counter', warm: 1, invocations: 2, coldStarts: 1 });
  });

  it('gives each function its own environment variables and the standard Lambda ones', async () => {
    const source = 'export const handler = async () => ({ ...process.env });';
    const { engine } = await deployed([
      { name: 'one', source, properties: { Environment: { Variables: { GREETING: 'hello' } } } },
      { name: 'two', source, properties: { Environment: { Variables: { OTHER: 'x' } }, MemorySize: 256 } },
    ]);

    const one = await engine.invoke('one', {});
    const two = await engine.invoke('two', {});

    const envOne = (one as { result: Record<string, string> }).result;
    const envTwo = (two as { result: Record<string, string> }).result;
    expect(envOne).toMatchObject({
      GREETING: 'hello',
      AWS_LAMBDA_FUNCTION_NAME: 'one',
      AWS_REGION: 'eu-west-1',
    });
    expect(envOne).toMatchObject({
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      POWERTOOLS_TRACE_ENABLED: 'false',
    });
    expect(envOne.OTHER).toBeUndefined();
    expect(envTwo).toMatchObject({
      OTHER: 'x',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    });
    expect(envTwo.GREETING).toBeUndefined();
    expect(envTwo.HOME).toBeUndefined();
  });

  it('passes a Lambda context object to the handler', async () => {
    const source = `export const handler = async (event, context) => ({
      id: context.awsRequestId, name: context.functionName, version: context.functionVersion,
      arn: context.invokedFunctionArn, memory: context.memoryLimitInMB, group: context.logGroupName,
      remaining: context.getRemainingTimeInMillis(), waits: context.callbackWaitsForEmptyEventLoop, event });`;
    const { engine } = await deployed([{ name: 'ctx', source }]);

    const outcome = await engine.invoke('ctx', { a: 1 });

    expect(outcome).toMatchObject({
      ok: true,
      result: {
        name: 'ctx',
        version: '$LATEST',
        arn: 'arn:aws:lambda:eu-west-1:000000000000:function:ctx',
        memory: '128',
        group: '/aws/lambda/ctx',
        waits: true,
        event: { a: 1 },
      },
    });
    const { remaining, id } = (outcome as { result: { remaining: number; id: string } }).result;
    expect(remaining).toBeGreaterThan(2000);
    expect(remaining).toBeLessThanOrEqual(3000);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('supports callback-style handlers', async () => {
    const source =
      'export const handler = (event, context, callback) => { setTimeout(() => callback(null, event.n * 2), 5); };';
    const { engine } = await deployed([{ name: 'callback', properties: { Runtime: 'nodejs22.x' }, source }]);

    await expect(engine.invoke('callback', { n: 21 })).resolves.toMatchObject({ ok: true, result: 42 });
  });

  it('serialises a thrown error as Lambda does', async () => {
    const source = `class BudgetError extends Error { constructor(m) { super(m); this.name = 'BudgetError'; } }
      export const handler = async () => { throw new BudgetError('over budget'); };`;
    const { engine } = await deployed([{ name: 'fails', source }]);

    const outcome = await engine.invoke('fails', {});

    expect(outcome).toMatchObject({ ok: false, errorType: 'BudgetError', errorMessage: 'over budget' });
    expect((outcome as { trace: string[] }).trace[0]).toBe('BudgetError: over budget');
  });

  it('ends an invocation at its timeout with Sandbox.Timedout and starts cold afterwards', async () => {
    const source =
      'export const handler = async (e) => { if (e.hang) await new Promise(() => setInterval(() => {}, 1000)); return "done"; };';
    const { engine, recorded } = await deployed([{ name: 'slow', source, properties: { Timeout: 1 } }]);

    const timedOut = await engine.invoke('slow', { hang: true });
    const next = await engine.invoke('slow', {});

    expect(timedOut).toMatchObject({ ok: false, errorType: 'Sandbox.Timedout' });
    expect((timedOut as { errorMessage: string }).errorMessage).toMatch(
      /Task timed out after 1\.00 seconds$/,
    );
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(1000);
    expect(next).toMatchObject({ ok: true, result: 'done', coldStart: true });
    expect(linesOf(recorded).some((line) => /Task timed out after 1\.00 seconds/.test(line))).toBe(true);
  });

  it('ends an environment that exceeds its memory with Runtime.OutOfMemory', async () => {
    const source =
      'const keep = []; export const handler = async () => { for (;;) keep.push(new Array(1e5).fill(Math.random())); };';
    const { engine, recorded } = await deployed([
      // Filling 128 MB takes seconds on a busy 2-core machine: a timeout long enough that only memory ends it.
      { name: 'hungry', source, properties: { MemorySize: 128, Timeout: 60 } },
    ]);

    const outcome = await engine.invoke('hungry', {});

    expect(outcome).toMatchObject({ ok: false, errorType: 'Runtime.OutOfMemory' });
    expect(linesOf(recorded).find((l) => l.startsWith('REPORT'))).toMatch(
      /Max Memory Used: 128 MB.*Status: error/,
    );
  });
});

describe('LambdaEngine concurrency', () => {
  const slow =
    'export const handler = async () => { await new Promise((r) => setTimeout(r, 300)); return "ok"; };';

  it('throttles a synchronous call beyond the reserved concurrency with TooManyRequestsException', async () => {
    const { engine, recorded } = await deployed([
      { name: 'reserved', source: slow, properties: { ReservedConcurrentExecutions: 2 } },
    ]);

    const results = await Promise.allSettled([1, 2, 3].map(() => engine.invoke('reserved', {})));

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({
      status: 429,
      code: 'TooManyRequestsException',
      message: 'Rate Exceeded.',
      fields: { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded', Type: 'User' },
    });
    expect(recorded.metrics.some((m) => m.name === 'Throttles' && m.value === 1)).toBe(true);
  });

  it('throttles an Invoke API or API Gateway call beyond the local concurrency instead of queueing it', async () => {
    const { engine } = await deployed([{ name: 'busy', source: slow }], { defaultConcurrency: 2 });

    const results = await Promise.allSettled([
      engine.run('busy', '{}'),
      engine.invoke('busy', {}, { whenBusy: 'throttle' }),
      engine.invoke('busy', {}, { whenBusy: 'throttle' }),
    ]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({
      status: 429,
      code: 'TooManyRequestsException',
      fields: { Reason: 'ConcurrentInvocationLimitExceeded' },
    });
    expect(engine.functions()[0]).toMatchObject({ throttles: 1, invocations: 2 });
  });

  it('makes the call beyond the local default cap wait for a free environment', async () => {
    // Each call says when it ran (the worker's clock): the third must have run after one of the first two ended.
    const timed =
      'export const handler = async () => { const start = Date.now(); await new Promise((r) => setTimeout(r, 300)); return { start, end: Date.now() }; };';
    const { engine } = await deployed([{ name: 'capped', source: timed }], { defaultConcurrency: 2 });

    const outcomes = await Promise.all([1, 2, 3].map(() => engine.invoke('capped', {})));

    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(outcomes.filter((o) => o.coldStart)).toHaveLength(2);
    const runs = outcomes.map((o) => (o as { result: { start: number; end: number } }).result);
    const [waited] = runs.filter((run, i) => runs.some((other, j) => j !== i && other.end <= run.start));
    expect(waited).toBeDefined();
    expect(engine.functions()[0]?.warm).toBe(2);
  });
});
