import { describe, expect, it } from '@jest/globals';
import { InitGate } from './InitGate';

describe('InitGate', () => {
  it('runs at most `limit` cold starts at once and the rest in arrival order as slots free up', async () => {
    const gate = new InitGate(2);
    const releases: (() => void)[] = [];
    const started: number[] = [];
    const runs = [0, 1, 2, 3].map((n) =>
      gate.run(async () => {
        started.push(n);
        await new Promise<void>((resolve) => releases.push(resolve));
        return n;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.load).toEqual({ running: 2, waiting: 2 });

    releases[0]?.();
    await runs[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    expect(gate.load).toEqual({ running: 2, waiting: 1 });

    for (let i = 1; i < 4; i += 1) {
      while (!releases[i]) await new Promise((resolve) => setImmediate(resolve));
      releases[i]?.();
    }
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2, 3]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });
});
