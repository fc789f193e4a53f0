import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import middy from '@middy/core';
import { LazyTracer, type LazyTracerOptions, traceHandler } from '../../src/tracing';

/** A Powertools Tracer stand-in that records what the middleware asks of it. */
function fakeTracer() {
  const calls: string[] = [];
  const segment = (name: string) => ({
    name,
    addNewSubsegment: (child: string) => {
      calls.push(`open ${child}`);
      return segment(child);
    },
    close: () => calls.push(`close ${name}`),
  });
  const lambdaSegment = segment('facade');
  let current: { name: string } = lambdaSegment;
  const tracer = {
    isTracingEnabled: () => true,
    getSegment: () => current,
    setSegment: (s: { name: string }) => {
      current = s;
    },
    putAnnotation: (key: string, value: unknown) => calls.push(`annotate ${key}=${String(value)}`),
    addServiceNameAnnotation: () => calls.push('annotate Service'),
    addResponseAsMetadata: (response: unknown) => calls.push(`response ${JSON.stringify(response)}`),
    addErrorAsMetadata: (error: Error) => calls.push(`error ${error.message}`),
    captureAWSv3Client: <T>(client: T) => {
      calls.push(`instrument ${(client as { name: string }).name}`);
      return client;
    },
  };
  return { tracer, calls, current: () => current };
}

let savedEnv: NodeJS.ProcessEnv;
beforeEach(() => {
  savedEnv = { ...process.env };
  process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs24.x';
  process.env._HANDLER = 'handler.handler';
  delete process.env.POWERTOOLS_TRACE_ENABLED;
  delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
});
afterEach(() => {
  process.env = savedEnv;
});

function setup(options: { sampled: boolean[]; failLoad?: boolean }) {
  const fake = fakeTracer();
  let loads = 0;
  const sampled = [...options.sampled];
  const lazyOptions: LazyTracerOptions = {
    serviceName: 'kit-test',
    load: async () => {
      loads += 1;
      if (options.failLoad) throw new Error('no tracer here');
      return fake.tracer as never;
    },
    isSampled: () => sampled.shift() ?? false,
  };
  const tracer = new LazyTracer(lazyOptions);
  return { tracer, fake, loads: () => loads };
}

describe('LazyTracer', () => {
  it('is off outside Lambda and hands clients back untouched, never loading the tracer', async () => {
    delete process.env.AWS_EXECUTION_ENV;
    const { tracer, fake, loads } = setup({ sampled: [true] });
    const client = { name: 'dynamo' };

    expect(tracer.isTracingEnabled()).toBe(false);
    expect(tracer.captureAWSv3Client(client)).toBe(client);
    const handler = middy(async () => 'ok').use(traceHandler(tracer));
    await expect(handler({}, {} as never)).resolves.toBe('ok');
    expect(loads()).toBe(0);
    expect(fake.calls).toEqual([]);
  });

  it('is off on Lambda when POWERTOOLS_TRACE_ENABLED=false', () => {
    process.env.POWERTOOLS_TRACE_ENABLED = 'false';

    expect(setup({ sampled: [] }).tracer.isTracingEnabled()).toBe(false);
  });

  it('loads nothing for unsampled invocations', async () => {
    const { tracer, loads } = setup({ sampled: [false, false] });
    tracer.captureAWSv3Client({ name: 'dynamo' });
    const handler = middy(async () => 'ok').use(traceHandler(tracer));

    await handler({}, {} as never);
    await handler({}, {} as never);

    expect(loads()).toBe(0);
    expect(tracer.loaded).toBeUndefined();
  });

  it('loads the tracer once, on the first sampled invocation, and instruments the clients given before', async () => {
    const { tracer, fake, loads } = setup({ sampled: [false, true, true] });
    tracer.captureAWSv3Client({ name: 'dynamo' });
    tracer.captureAWSv3Client({ name: 'events' });
    const handler = middy(async () => ({ statusCode: 200 })).use(traceHandler(tracer));

    await handler({}, {} as never);
    expect(fake.calls).toEqual([]);
    await handler({}, {} as never);
    await handler({}, {} as never);

    expect(loads()).toBe(1);
    expect(fake.calls).toEqual([
      'instrument dynamo',
      'instrument events',
      'open ## handler.handler',
      // The second invocation of the environment: not its cold start, though the tracer's first.
      'annotate ColdStart=false',
      'annotate Service',
      'response {"statusCode":200}',
      'close ## handler.handler',
      'open ## handler.handler',
      'annotate ColdStart=false',
      'annotate Service',
      'response {"statusCode":200}',
      'close ## handler.handler',
    ]);
    expect(fake.current().name).toBe('facade');
  });

  it('instruments a client given after loading at once', async () => {
    const { tracer, fake } = setup({ sampled: [true] });
    const handler = middy(async () => 'ok').use(traceHandler(tracer));
    await handler({}, {} as never);

    tracer.captureAWSv3Client({ name: 'late' });

    expect(fake.calls).toContain('instrument late');
  });

  it('annotates the cold start on the first invocation, and leaves the response out when asked', async () => {
    const { tracer, fake } = setup({ sampled: [true] });
    const handler = middy(async () => 'secret').use(traceHandler(tracer, { captureResponse: false }));

    await handler({}, {} as never);

    expect(fake.calls).toEqual([
      'open ## handler.handler',
      'annotate ColdStart=true',
      'annotate Service',
      'close ## handler.handler',
    ]);
  });

  it('records the error and closes the subsegment when the handler throws', async () => {
    const { tracer, fake } = setup({ sampled: [true] });
    const handler = middy(async () => {
      throw new Error('boom');
    }).use(traceHandler(tracer));

    await expect(handler({}, {} as never)).rejects.toThrow('boom');

    expect(fake.calls.slice(-2)).toEqual(['error boom', 'close ## handler.handler']);
    expect(fake.current().name).toBe('facade');
  });

  it('still runs the handler when the tracer cannot be loaded', async () => {
    const { tracer } = setup({ sampled: [true], failLoad: true });
    const warn = console.warn;
    console.warn = () => {};
    try {
      const handler = middy(async () => 'ok').use(traceHandler(tracer));

      await expect(handler({}, {} as never)).resolves.toBe('ok');
    } finally {
      console.warn = warn;
    }
  });
});
