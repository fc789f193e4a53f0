import { describe, expect, it } from '@jest/globals';
import type { ExecutionEnvironment } from './ExecutionEnvironment';
import { type ColdStart, ConcurrencyLimitError, FunctionPool, PoolStoppedError } from './FunctionPool';

type FakeEnvironment = ExecutionEnvironment & { id: number; alive: boolean };

/** Stands in for an environment: only `alive` and `terminate` matter to the pool. */
const fakeEnvironment = (id: number) => {
  const env = {
    id,
    alive: true,
    terminate: async () => {
      env.alive = false;
      return 0;
    },
  };
  return env as unknown as FakeEnvironment;
};

const ready: ColdStart = { ok: true, initDurationMs: 5, callbackStyle: false, lines: ['INIT_START'] };
const failed: ColdStart = {
  ok: false,
  error: { errorType: 'Runtime.ImportModuleError', errorMessage: 'no module' },
  initDurationMs: 5,
  lines: [],
};

/** A pool whose cold starts finish when the test says so (`finishInit`), or at once with `instant`. */
const pool = (limit: number, options: { instant?: boolean; maxStarting?: number } = {}) => {
  let created = 0;
  const initialising: { env: FakeEnvironment; finish: (outcome: ColdStart) => void }[] = [];
  const subject = new FunctionPool({
    functionName: 'f',
    limit,
    idleTimeoutMs: 60_000,
    ...(options.maxStarting ? { maxStarting: options.maxStarting } : {}),
    create: () => fakeEnvironment(++created),
    initialise: (env) =>
      options.instant
        ? Promise.resolve(ready)
        : new Promise<ColdStart>((finish) => initialising.push({ env: env as FakeEnvironment, finish })),
  });
  /** Ends the oldest cold start still running with `outcome`, then lets the pool hand it over. */
  const finishInit = async (outcome: ColdStart = ready) => {
    const next = initialising.shift();
    if (!next) throw new Error('no cold start is running');
    next.finish(outcome);
    await new Promise((resolve) => setImmediate(resolve));
    return next.env;
  };
  return { subject, finishInit, starting: () => initialising.length, created: () => created };
};

describe('FunctionPool', () => {
  it('reuses the most recently released environment before starting another', async () => {
    const { subject } = pool(3, { instant: true });
    const a = await subject.acquire('wait');
    const b = await subject.acquire('wait');
    subject.release(a.env);
    subject.release(b.env);

    const next = await subject.acquire('wait');

    expect(next.env).toBe(b.env);
    expect(next.coldStart).toBeUndefined();
    expect(a.coldStart).toEqual(ready);
    expect(subject.alive).toBe(2);
    expect(subject.busy).toBe(1);
  });

  it('hands a waiter the environment released first, and parks the one started for it when it is ready', async () => {
    const { subject, finishInit } = pool(4);
    const firstAcquire = subject.acquire('wait');
    await finishInit();
    const first = await firstAcquire;

    const waiting = subject.acquire('wait');
    subject.release(first.env);
    const served = await waiting;
    const proactive = await finishInit();

    expect(served).toEqual({ env: first.env });
    expect(subject.alive).toBe(2);
    // The proactively initialised environment serves the next caller, with no cold start reported.
    await expect(subject.acquire('wait')).resolves.toEqual({ env: proactive });
  });

  it('starts at most maxStarting environments at once, and only while callers wait for more than are starting', async () => {
    const { subject, finishInit, starting } = pool(10, { maxStarting: 2 });
    const calls = Array.from({ length: 5 }, () => subject.acquire('wait'));

    expect(starting()).toBe(2);
    expect(subject.waiting).toBe(5);
    await finishInit();
    expect(starting()).toBe(2);
    await finishInit();
    await finishInit();
    expect(subject.waiting).toBe(2);
    expect(starting()).toBe(2);
    await finishInit();
    await finishInit();

    const acquired = await Promise.all(calls);
    expect(new Set(acquired.map((a) => a.env)).size).toBe(5);
    expect(starting()).toBe(0);
  });

  it('counts the callers waiting against the concurrency: a throttle caller beyond it is refused at once', async () => {
    const { subject, finishInit } = pool(2);
    const one = subject.acquire('throttle');
    const two = subject.acquire('throttle');

    await expect(subject.acquire('throttle')).rejects.toBeInstanceOf(ConcurrencyLimitError);
    await finishInit();
    await finishInit();
    await expect(Promise.all([one, two])).resolves.toHaveLength(2);
    await expect(subject.acquire('throttle')).rejects.toBeInstanceOf(ConcurrencyLimitError);
  });

  it('queues a wait caller at the limit until an environment is released', async () => {
    const { subject } = pool(1, { instant: true });
    const first = await subject.acquire('wait');

    const waiting = subject.acquire('wait');
    await expect(subject.acquire('throttle')).rejects.toBeInstanceOf(ConcurrencyLimitError);
    subject.release(first.env);

    await expect(waiting).resolves.toEqual({ env: first.env });
  });

  it('starts a replacement for a waiter when the released environment died', async () => {
    const { subject } = pool(1, { instant: true });
    const first = await subject.acquire('wait');
    const waiting = subject.acquire('wait');
    await first.env.terminate();

    subject.release(first.env);
    const replacement = await waiting;

    expect(replacement.env).not.toBe(first.env);
    expect(replacement.coldStart).toEqual(ready);
    expect(subject.alive).toBe(1);
  });

  it('gives a failed cold start to the caller waiting for it, and ends one nobody waits for', async () => {
    const { subject, finishInit } = pool(2);
    const waiting = subject.acquire('wait');
    await finishInit(failed);
    await expect(waiting).resolves.toMatchObject({ coldStart: failed });

    const served = await waiting;
    await served.env.terminate();
    subject.release(served.env);
    expect(subject.alive).toBe(0);
  });

  it('rejects waiters and ends every environment when stopped', async () => {
    const { subject } = pool(1, { instant: true });
    const busy = await subject.acquire('wait');
    const waiting = subject.acquire('wait');

    await subject.stop();

    await expect(waiting).rejects.toBeInstanceOf(PoolStoppedError);
    expect(busy.env.alive).toBe(false);
    await expect(subject.acquire('wait')).rejects.toBeInstanceOf(PoolStoppedError);
  });
});

describe('FunctionPool with an environment that died while idle', () => {
  it('skips it and starts a fresh one', async () => {
    const { subject } = pool(1, { instant: true });
    const first = await subject.acquire('wait');
    subject.release(first.env);
    await first.env.terminate();

    const next = await subject.acquire('throttle');

    expect(next.env).not.toBe(first.env);
    expect(next.env.alive).toBe(true);
    expect(subject.alive).toBe(1);
  });
});
