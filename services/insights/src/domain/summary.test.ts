import { describe, expect, it } from '@jest/globals';
import type { MonthAggregates } from './monthAggregates';
import { summarizeMonth } from './summary';

const november: MonthAggregates = {
  userId: 'u1',
  month: '2026-11',
  totals: [
    { categoryId: 'dining', currency: 'EUR', minorUnits: 3000, count: 2 },
    { categoryId: 'groceries', currency: 'EUR', minorUnits: 30000, count: 6 },
    { categoryId: 'groceries', currency: 'USD', minorUnits: 500, count: 1 },
  ],
  daily: [{ date: '2026-11-05', currency: 'EUR', minorUnits: 33000, count: 8 }],
  budgets: [
    { categoryId: 'groceries', amount: { minorUnits: 40000, currency: 'EUR' }, thresholds: [80, 100] },
  ],
  anomalies: [],
  topMerchants: [],
  categoryNames: {},
};

describe('summarizeMonth', () => {
  it('shows budget progress in the budget currency only', () => {
    const summary = summarizeMonth(november, []);

    expect(summary.budgets).toEqual([
      {
        categoryId: 'groceries',
        amount: { minorUnits: 40000, currency: 'EUR' },
        thresholds: [80, 100],
        spent: { minorUnits: 30000, currency: 'EUR' },
        percent: 75,
      },
    ]);
  });

  it('totals each currency', () => {
    expect(summarizeMonth(november, []).currencies).toEqual([
      { currency: 'EUR', minorUnits: 33000, count: 8 },
      { currency: 'USD', minorUnits: 500, count: 1 },
    ]);
  });

  it('compares with the previous month, including categories that had spending only then', () => {
    const october = [
      { categoryId: 'groceries', currency: 'EUR', minorUnits: 20000, count: 4 },
      { categoryId: 'travel', currency: 'EUR', minorUnits: 9000, count: 1 },
    ];

    const { monthOverMonth } = summarizeMonth(november, october);

    expect(monthOverMonth.previousMonth).toBe('2026-10');
    expect(monthOverMonth.currencies).toEqual([
      {
        currency: 'EUR',
        currentMinorUnits: 33000,
        previousMinorUnits: 29000,
        changeMinorUnits: 4000,
        changePercent: 13.8,
      },
      {
        currency: 'USD',
        currentMinorUnits: 500,
        previousMinorUnits: 0,
        changeMinorUnits: 500,
        changePercent: null,
      },
    ]);
    expect(monthOverMonth.categories.map((c) => [c.categoryId, c.currency, c.changeMinorUnits])).toEqual([
      ['dining', 'EUR', 3000],
      ['groceries', 'EUR', 10000],
      ['groceries', 'USD', 500],
      ['travel', 'EUR', -9000],
    ]);
  });
});
