import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  type BudgetCopy,
  budgetCoversMonth,
  budgetSupersedes,
  newlyReachedThresholds,
  percentOf,
} from './budgets';

const budget: BudgetCopy = {
  userId: 'u1',
  categoryId: 'groceries',
  amount: { minorUnits: 40000, currency: 'EUR' },
  thresholds: [50, 80, 100],
  version: 2,
  removed: false,
  createdAt: '2026-10-15T09:00:00.000Z',
};

describe('newlyReachedThresholds', () => {
  it('returns every threshold the spending reached, exactly at the boundary too', () => {
    expect(newlyReachedThresholds(budget, 32000, new Set())).toEqual([50, 80]);
    expect(newlyReachedThresholds(budget, 31999, new Set())).toEqual([50]);
  });

  it('leaves out thresholds announced already', () => {
    expect(newlyReachedThresholds(budget, 50000, new Set([50, 80]))).toEqual([100]);
  });

  it('is exact where floating point would round (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000_000_000 }),
        fc.integer({ min: 1, max: 200 }),
        (amount, threshold) => {
          const limit = { amount: { minorUnits: amount, currency: 'EUR' }, thresholds: [threshold] };
          // The least spending that reaches the threshold: ceil(threshold · amount / 100), in integers.
          const exact = Number((BigInt(threshold) * BigInt(amount) + 99n) / 100n);

          expect(newlyReachedThresholds(limit, exact, new Set())).toEqual([threshold]);
          expect(newlyReachedThresholds(limit, exact - 1, new Set())).toEqual([]);
        },
      ),
    );
  });
});

describe('budgetCoversMonth', () => {
  it('covers the month it was set in and later ones, not earlier ones, and nothing once removed', () => {
    expect(budgetCoversMonth(budget, '2026-10')).toBe(true);
    expect(budgetCoversMonth(budget, '2026-11')).toBe(true);
    expect(budgetCoversMonth(budget, '2026-09')).toBe(false);
    expect(budgetCoversMonth({ ...budget, removed: true }, '2026-11')).toBe(false);
  });
});

describe('budgetSupersedes', () => {
  it('accepts only a newer version', () => {
    expect(budgetSupersedes({ ...budget, version: 3 }, budget)).toBe(true);
    expect(budgetSupersedes({ ...budget, version: 2 }, budget)).toBe(false);
    expect(budgetSupersedes(budget, undefined)).toBe(true);
  });
});

describe('percentOf', () => {
  it('gives one decimal', () => {
    expect(percentOf(12345, 40000)).toBe(30.9);
    expect(percentOf(0, 40000)).toBe(0);
  });
});
