import { describe, expect, it } from '@jest/globals';
import { deletedState, type ExpenseState, orderOf } from '../domain/expenseState';
import { planReconcile } from './reconcileExpenses';

const live = (expenseId: string, version: number, minorUnits: number): ExpenseState => ({
  userId: 'u',
  expenseId,
  version,
  deleted: false,
  order: orderOf(version, false),
  contribution: {
    categoryId: 'groceries',
    currency: 'EUR',
    minorUnits,
    date: '2026-12-01',
    merchant: 'shop',
  },
});
const byKey = (...states: ExpenseState[]) =>
  new Map(states.map((s) => [`${s.userId}\u0000${s.expenseId}`, s]));

describe('planReconcile', () => {
  it('brings every applied state to the restored one, with the deltas of the difference', () => {
    const reordered = live('same', 1, 500);
    // As read back from DynamoDB: the same contribution, its keys in another order.
    const { merchant, date, minorUnits, currency, categoryId } = reordered.contribution as never;
    const stored = { ...reordered, contribution: { merchant, date, minorUnits, currency, categoryId } };

    const { plans, unchanged } = planReconcile(
      byKey(live('same', 1, 500), live('older', 1, 100), live('resurrected', 1, 300), live('unseen', 1, 50)),
      byKey(
        stored,
        live('older', 3, 900),
        deletedState('u', 'resurrected', 1),
        live('gone', 2, 70),
        deletedState('u', 'was-deleted', 1),
      ),
    );

    expect(unchanged).toBe(2);
    expect(
      plans.map((p) => [p.change.expenseId, p.change.action, p.plan.replacesOrder, p.plan.state.order]),
    ).toEqual([
      ['older', 'corrected', 6, 2],
      ['resurrected', 'corrected', 3, 2],
      ['unseen', 'added', undefined, 2],
      ['gone', 'tombstoned', 4, 5],
    ]);
    const categoryDelta = (id: string) =>
      plans.find((p) => p.change.expenseId === id)?.plan.deltas.find((d) => d.kind === 'category');
    expect(categoryDelta('older')).toMatchObject({ minorUnits: -800, count: 0 });
    expect(categoryDelta('resurrected')).toMatchObject({ minorUnits: 300, count: 1 });
    expect(categoryDelta('gone')).toMatchObject({ minorUnits: -70, count: -1 });
  });
});
