import { describe, expect, it } from '@jest/globals';
import type { ExecutionEnvironment } from './ExecutionEnvironment';
import { ConcurrencyLimitError, FunctionPool, PoolStoppedError } from './FunctionPool';

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
  return env as unknown as ExecutionEnvironment & { id: number; alive: boolean };
};

const pool = (limit: number) => {
  let created = 0;
  return new FunctionPool({
    functionName: 'f',
    limit,
    idleTimeoutMs: 60_000,
    create: () => fakeEnvironment(++created),
  });
};

describe('FunctionPool', () => {
  it('reuses the most recently released environment before starting another', async () => {
    const subject = pool(3);
    const a = await subject.acquire('wait');
    const b = await subject.acquire('wait');
    subject.release(a);
    subject.release(b);

    const next = await subject.acquire('wait');

    expect(next).toBe(b);
    expect(subject.alive).toBe(2);
    expect(subject.busy).toBe(1);
  });

  it('hands a released environment to the caller waiting at the limit, or throttles', async () => {
    const subject = pool(1);
    const first = await subject.acquire('wait');

    const waiting = subject.acquire('wait');
    await expect(subject.acquire('throttle')).rejects.toBeInstanceOf(ConcurrencyLimitError);
    subject.release(first);

    await expect(waiting).resolves.toBe(first);
  });

  it('starts a replacement for a waiter when the released environment died', async () => {
    const subject = pool(1);
    const first = await subject.acquire('wait');
    const waiting = subject.acquire('wait');
    await first.terminate();

    subject.release(first);
    const replacement = await waiting;

    expect(replacement).not.toBe(first);
    expect(subject.alive).toBe(1);
  });

  it('rejects waiters and ends every environment when stopped', async () => {
    const subject = pool(1);
    const busy = await subject.acquire('wait');
    const waiting = subject.acquire('wait');

    await subject.stop();

    await expect(waiting).rejects.toBeInstanceOf(PoolStoppedError);
    expect(busy.alive).toBe(false);
    await expect(subject.acquire('wait')).rejects.toBeInstanceOf(PoolStoppedError);
  });
});

describe('FunctionPool with an environment that died while idle', () => {
  it('skips it and starts a fresh one', async () => {
    const subject = pool(1);
    const first = await subject.acquire('wait');
    subject.release(first);
    await first.terminate();

    const next = await subject.acquire('throttle');

    expect(next).not.toBe(first);
    expect(next.alive).toBe(true);
    expect(subject.alive).toBe(1);
  });
});
