import { describe, expect, it } from '@jest/globals';
import {
  budget,
  budgetRemoved,
  budgetSet,
  categoryRenamed,
  changed,
  deleted,
  expense,
  parsed,
  updated,
} from '../../tests/events';
import { orderOf } from './expenseState';
import { spendingChangeOf } from './spendingEvents';

describe('spendingChangeOf', () => {
  it('checks a newly set budget against the UTC month it was set in', () => {
    const change = spendingChangeOf(parsed(budgetSet('u1', budget({}), new Date('2026-12-01T00:30:00Z'))));

    expect(change).toMatchObject({
      kind: 'budget',
      checkMonth: '2026-12',
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
    const before = expense({ date: '2026-10-31' });

    const change = spendingChangeOf(parsed(updated('u1', before, changed(before, { date: '2026-11-01' }))));

    expect(change).toMatchObject({ kind: 'expense', months: ['2026-10', '2026-11'], recorded: false });
  });

  it('turns a deletion into a tombstone ranked after the version it deleted', () => {
    const change = spendingChangeOf(parsed(deleted('u1', expense({ version: 2 }))));

    expect(change).toMatchObject({ kind: 'expense', state: { deleted: true, order: orderOf(2, true) } });
    expect(change.kind === 'expense' && change.state.contribution).toBeUndefined();
  });
});
