import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addSample, assessAnomaly, EMPTY_STATS, type RunningStats, standardDeviation } from './runningStats';

const learn = (amounts: number[]): RunningStats => amounts.reduce(addSample, EMPTY_STATS);

describe('Welford running statistics', () => {
  it('matches the two-pass mean and sample standard deviation (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 2, maxLength: 50 }),
        (amounts) => {
          const stats = learn(amounts);

          const mean = amounts.reduce((a, b) => a + b, 0) / amounts.length;
          const variance = amounts.reduce((a, b) => a + (b - mean) ** 2, 0) / (amounts.length - 1);
          expect(stats.count).toBe(amounts.length);
          expect(stats.mean).toBeCloseTo(mean, 6);
          expect(standardDeviation(stats)).toBeCloseTo(Math.sqrt(variance), 4);
        },
      ),
    );
  });

  it('has no deviation below two samples', () => {
    expect(standardDeviation(learn([500]))).toBe(0);
  });
});

describe('assessAnomaly', () => {
  const history = learn([1000, 1100, 900, 1050, 950]);

  it('stays silent before the minimum history, however large the amount', () => {
    expect(assessAnomaly(learn([1000, 1000, 1000, 1000]), 1_000_000)).toBeUndefined();
  });

  it('flags an amount above mean + 3 standard deviations, with its score and typical amount', () => {
    const found = assessAnomaly(history, 5000);

    expect(found).toEqual({ typicalMinorUnits: 1000, score: expect.any(Number), historySize: 5 });
    expect(found?.score).toBeGreaterThan(3);
  });

  it('does not flag an amount within 3 standard deviations', () => {
    expect(assessAnomaly(history, 1200)).toBeUndefined();
  });

  it('does not flag a cent more than an identical history (deviation floor)', () => {
    const flat = learn([1000, 1000, 1000, 1000, 1000, 1000]);

    expect(assessAnomaly(flat, 1001)).toBeUndefined();
    expect(assessAnomaly(flat, 1300)).toBeUndefined();
    expect(assessAnomaly(flat, 1301)).toBeDefined();
  });

  it('never flags an amount at or below the mean (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 5, maxLength: 30 }),
        (amounts) => {
          const stats = learn(amounts);

          expect(assessAnomaly(stats, Math.floor(stats.mean))).toBeUndefined();
        },
      ),
    );
  });
});
