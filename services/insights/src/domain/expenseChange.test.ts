import { describe, expect, it } from '@jest/globals';
import { planExpenseChange } from './expenseChange';
import { type Contribution, deletedState, type ExpenseState, orderOf } from './expenseState';
import { addSample, EMPTY_STATS } from './runningStats';

const contribution: Contribution = {
  categoryId: 'dining',
  currency: 'EUR',
  minorUnits: 9000,
  date: '2026-11-07',
};
const live = (version: number, c: Contribution = contribution): ExpenseState => ({
  userId: 'u1',
  expenseId: 'e1',
  version,
  deleted: false,
  order: orderOf(version, false),
  contribution: c,
});
const history = [1000, 1100, 900, 1000, 1000].reduce(addSample, EMPTY_STATS);

describe('planExpenseChange', () => {
  it('plans nothing for a change older than the applied state', () => {
    expect(
      planExpenseChange({ incoming: live(1), stored: live(2), recorded: true, history }),
    ).toBeUndefined();
  });

  it('guards the write on the order it replaces', () => {
    const plan = planExpenseChange({ incoming: live(3), stored: live(2), recorded: false, history });

    expect(plan?.replacesOrder).toBe(orderOf(2, false));
  });

  it('teaches the statistics with a newly recorded expense and flags it against the earlier history', () => {
    const plan = planExpenseChange({ incoming: live(1), stored: undefined, recorded: true, history });

    expect(plan?.stats).toEqual({
      key: { categoryId: 'dining', currency: 'EUR' },
      basedOnCount: 5,
      next: addSample(history, 9000),
    });
    expect(plan?.anomaly).toMatchObject({
      expenseId: 'e1',
      amount: { minorUnits: 9000, currency: 'EUR' },
      typicalAmount: { minorUnits: 1000, currency: 'EUR' },
      historySize: 5,
    });
  });

  it('leaves the statistics alone for updates and deletions', () => {
    const update = planExpenseChange({ incoming: live(2), stored: live(1), recorded: false, history });
    const deletion = planExpenseChange({
      incoming: deletedState('u1', 'e1', 2),
      stored: live(2),
      recorded: false,
      history,
    });

    expect(update?.stats).toBeUndefined();
    expect(update?.anomaly).toBeUndefined();
    expect(deletion?.stats).toBeUndefined();
    expect(deletion?.deltas.every((d) => d.count === -1)).toBe(true);
  });
});
