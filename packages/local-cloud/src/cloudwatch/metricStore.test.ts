import { describe, expect, it } from '@jest/globals';
import { MetricStore } from './metricStore';

const T = Date.UTC(2026, 0, 1, 12, 0, 0);
const errors = { namespace: 'AWS/Lambda', name: 'Errors', dimensions: { FunctionName: 'relay' } };
const at = (seconds: number) => new Date(T + seconds * 1000);

function storeWith(values: [seconds: number, value: number][]) {
  const store = new MetricStore({ now: () => T });
  for (const [seconds, value] of values) store.put({ ...errors, value, timestamp: at(seconds) });
  return store;
}

describe('MetricStore', () => {
  it.each([
    ['Sum', 9],
    ['Average', 3],
    ['Minimum', 1],
    ['Maximum', 5],
    ['SampleCount', 3],
  ] as const)('computes %s over the data points in the window', (statistic, expected) => {
    const store = storeWith([
      [0, 1],
      [10, 5],
      [20, 3],
    ]);

    expect(store.statistic(errors, statistic, at(0), at(60))).toBe(expected);
  });

  it('leaves out points at or after the end of the window', () => {
    const store = storeWith([
      [0, 1],
      [60, 100],
    ]);

    expect(store.statistic(errors, 'Sum', at(0), at(60))).toBe(1);
  });

  it('answers undefined when the window holds no data point', () => {
    const store = storeWith([[0, 1]]);

    expect(store.statistic(errors, 'Sum', at(60), at(120))).toBeUndefined();
  });

  it('matches dimensions exactly, in any order', () => {
    const store = new MetricStore({ now: () => T });
    const two = { namespace: 'App', name: 'Hits', dimensions: { a: '1', b: '2' } };
    store.put({ ...two, value: 4, timestamp: at(1) });

    expect(store.statistic({ ...two, dimensions: { b: '2', a: '1' } }, 'Sum', at(0), at(60))).toBe(4);
    expect(store.statistic({ ...two, dimensions: { a: '1' } }, 'Sum', at(0), at(60))).toBeUndefined();
  });

  it('forgets data points older than the retention', () => {
    let now = T;
    const store = new MetricStore({ now: () => now, retentionMs: 60 * 60 * 1000 });
    store.put({ ...errors, value: 1, timestamp: at(0) });

    now = T + 2 * 60 * 60 * 1000;
    store.put({ ...errors, value: 2, timestamp: new Date(now) });

    expect(store.statistic(errors, 'SampleCount', at(0), new Date(now + 1))).toBe(1);
  });
});
