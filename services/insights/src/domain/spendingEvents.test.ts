import { describe, expect, it } from '@jest/globals';
import {
  budget,
  budgetRemoved,
  budgetSet,
  cal,
  categoryRenamed,
  changed,
  day,
  deleted,
  expense,
  MONTH,
  parsed,
  updated,
} from '../../tests/events';
import { orderOf } from './expenseState';
import { spendingChangeOf } from './spendingEvents';

describe('spendingChangeOf', () => {
  it('checks a newly set budget against the UTC month it was set in', () => {
    const change = spendingChangeOf(
      parsed(budgetSet('u1', budget({}), new Date(`${cal.dayOf(cal.month, 1)}T00:30:00Z`))),
    );

    expect(change).toMatchObject({
      kind: 'budget',
      checkMonth: cal.month,
      budget: { removed: false, version: 1 },
    });
  });

  it('stores a removed budget at the removal version, checking nothing', () => {
    const change = spendingChangeOf(parsed(budgetRemoved('u1', budget({ version: 3 }))));

    expect(change).toEqual({
      kind: 'budget',
      budget: expect.objectContaining({ removed: true, version: 4 }),
    });
  });

  it('takes the current name of a renamed category', () => {
    const change = spendingChangeOf(parsed(categoryRenamed('u1', 'pets', 'Pets', 'Animals', 2)));

    expect(change).toEqual({
      kind: 'category',
      category: { userId: 'u1', categoryId: 'pets', name: 'Animals', archived: false, version: 2 },
    });
  });

  it('marks both months of an expense moved across months as active', () => {
    const before = expense({ date: cal.lastDayOf(cal.monthsAgo(2)) });

    const change = spendingChangeOf(parsed(updated('u1', before, changed(before, { date: day(1) }))));

    expect(change).toMatchObject({ kind: 'expense', months: [cal.monthsAgo(2), MONTH], recorded: false });
  });

  it('turns a deletion into a tombstone ranked after the version it deleted', () => {
    const change = spendingChangeOf(parsed(deleted('u1', expense({ version: 2 }))));

    expect(change).toMatchObject({ kind: 'expense', state: { deleted: true, order: orderOf(2, true) } });
    expect(change.kind === 'expense' && change.state.contribution).toBeUndefined();
  });
});
