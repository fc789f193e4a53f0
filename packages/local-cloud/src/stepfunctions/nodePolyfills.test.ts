import { describe, expect, it } from '@jest/globals';
import { installNode22Polyfills } from './nodePolyfills';

type WithResolvers = <T>() => {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason?: unknown) => void;
};

describe('installNode22Polyfills', () => {
  it('provides a working Promise.withResolvers', async () => {
    const { promise, resolve } = (
      Promise as unknown as { withResolvers: WithResolvers }
    ).withResolvers<number>();

    resolve(42);

    await expect(promise).resolves.toBe(42);
  });

  it('never replaces an implementation that is already there', () => {
    const before = (Promise as unknown as { withResolvers: unknown }).withResolvers;

    const installed = installNode22Polyfills();

    expect(installed).toEqual([]);
    expect((Promise as unknown as { withResolvers: unknown }).withResolvers).toBe(before);
  });
});
