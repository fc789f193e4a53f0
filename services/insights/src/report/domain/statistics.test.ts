import { describe, expect, it } from '@jest/globals';
import { emptyMonth, octoberStatistics } from '../testing/fixtures';
import { computeStatistics, hasEnoughData } from './statistics';

describe('computeStatistics', () => {
  it('compares each currency with the month before, in minor units and whole percent', () => {
    const statistics = octoberStatistics();

    expect(statistics.totals).toEqual([
      {
        currency: 'EUR',
        minorUnits: 69_950,
        previousMinorUnits: 48_000,
        changeMinorUnits: 21_950,
        changePercent: 46,
        expenseCount: 20,
      },
      { currency: 'USD', minorUnits: 3_000, previousMinorUnits: 0, changeMinorUnits: 3_000, expenseCount: 1 },
    ]);
    expect(statistics).toMatchObject({
      month: '2026-10',
      previousMonth: '2026-09',
      expenseCount: 21,
      activeDays: 2,
    });
  });

  it('ranks the top categories by amount with their share of their currency, naming defaults and own ones', () => {
    const { topCategories } = octoberStatistics();

    expect(topCategories.map((c) => [c.name, c.sharePercent])).toEqual([
      ['Groceries', 60],
      ['Dining', 26],
      ['Model trains', 14],
      ['Transport', 100],
    ]);
  });

  it('lists the biggest increases only for categories that had spending before', () => {
    const { biggestIncreases } = octoberStatistics();

    expect(biggestIncreases).toEqual([
      {
        categoryId: 'dining',
        name: 'Dining',
        currency: 'EUR',
        minorUnits: 18_050,
        previousMinorUnits: 8_000,
        changeMinorUnits: 10_050,
      },
      {
        categoryId: 'groceries',
        name: 'Groceries',
        currency: 'EUR',
        minorUnits: 42_000,
        previousMinorUnits: 40_000,
        changeMinorUnits: 2_000,
      },
    ]);
  });

  it('rates budget adherence as over, near (80% or more) or within, matching the budget currency', () => {
    const { budgets } = octoberStatistics();

    expect(budgets.map((b) => [b.categoryId, b.spentMinorUnits, b.usedPercent, b.status])).toEqual([
      ['groceries', 42_000, 105, 'over'],
      ['dining', 18_050, 90, 'near'],
      ['transport', 3_000, 30, 'within'],
    ]);
  });

  it('carries the anomalies with their category names', () => {
    const { anomalies } = octoberStatistics();

    expect(anomalies).toEqual([
      {
        categoryId: 'hobby-x',
        name: 'Model trains',
        date: '2026-10-02',
        currency: 'EUR',
        minorUnits: 9_000,
        typicalMinorUnits: 1_500,
      },
    ]);
  });

  it('finds too little data in an empty month and enough in a busy one', () => {
    const empty = computeStatistics(emptyMonth('u', '2026-10'), emptyMonth('u', '2026-09'));

    expect(hasEnoughData(empty)).toBe(false);
    expect(empty).toMatchObject({ expenseCount: 0, totals: [], topCategories: [], budgets: [] });
    expect(hasEnoughData(octoberStatistics())).toBe(true);
  });
});
