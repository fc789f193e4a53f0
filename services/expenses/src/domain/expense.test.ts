import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { changeExpense, type Expense, monthOf, recordExpense, snapshotOf, UNCATEGORIZED } from './expense';

const now = new Date('2026-11-05T10:00:00.000Z');
const later = new Date('2026-11-06T08:30:00.000Z');

const recorded = (): Expense =>
  recordExpense(
    {
      amount: { minorUnits: 1250, currency: 'EUR' },
      date: '2026-11-04',
      categoryId: 'groceries',
      merchant: 'Market',
    },
    { userId: 'user-1', expenseId: 'e-1', now },
  );

describe('recordExpense', () => {
  it('creates version 1 with both timestamps set to now', () => {
    const expense = recorded();

    expect(expense).toEqual({
      userId: 'user-1',
      expenseId: 'e-1',
      amount: { minorUnits: 1250, currency: 'EUR' },
      date: '2026-11-04',
      categoryId: 'groceries',
      merchant: 'Market',
      tags: [],
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  });

  it('files an expense without a category as uncategorized', () => {
    const expense = recordExpense(
      { amount: { minorUnits: 1, currency: 'JPY' }, date: '2026-01-31' },
      { userId: 'u', expenseId: 'e', now },
    );

    expect(expense.categoryId).toBe(UNCATEGORIZED);
  });
});

describe('changeExpense', () => {
  it('bumps the version and lists only the fields whose value changed', () => {
    const { expense, changedFields } = changeExpense(
      recorded(),
      { amount: { minorUnits: 990, currency: 'EUR' }, categoryId: 'groceries', date: '2026-11-03' },
      later,
    );

    expect(changedFields).toEqual(['amount', 'date']);
    expect(expense).toMatchObject({ version: 2, amount: { minorUnits: 990 }, date: '2026-11-03' });
    expect(expense.updatedAt).toBe(later.toISOString());
    expect(expense.createdAt).toBe(now.toISOString());
  });

  it('clears an optional field set to null', () => {
    const { expense, changedFields } = changeExpense(recorded(), { merchant: null }, later);

    expect(changedFields).toEqual(['merchant']);
    expect(expense).not.toHaveProperty('merchant');
  });

  it('returns the expense untouched when nothing really changes', () => {
    const original = recorded();

    const { expense, changedFields } = changeExpense(original, { categoryId: 'groceries', tags: [] }, later);

    expect(changedFields).toEqual([]);
    expect(expense).toBe(original);
  });

  it('never changes the owner, id or creation time, whatever the patch', () => {
    const patch = fc.record(
      {
        amount: fc.record({
          minorUnits: fc.integer({ min: 1, max: 1e9 }),
          currency: fc.constantFrom('EUR', 'USD'),
        }),
        date: fc.constantFrom('2026-01-01', '2026-11-04', '2027-02-28'),
        categoryId: fc.constantFrom('groceries', 'rent', 'travel'),
        merchant: fc.option(fc.string({ minLength: 1, maxLength: 5 })),
        note: fc.option(fc.string({ minLength: 1, maxLength: 5 })),
        tags: fc.uniqueArray(fc.constantFrom('a', 'b', 'c')),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(patch, (p) => {
        const original = recorded();
        const { expense, changedFields } = changeExpense(original, p, later);
        expect(expense.userId).toBe(original.userId);
        expect(expense.expenseId).toBe(original.expenseId);
        expect(expense.createdAt).toBe(original.createdAt);
        expect(expense.version).toBe(changedFields.length > 0 ? 2 : 1);
      }),
    );
  });
});

describe('snapshotOf and monthOf', () => {
  it('leaves the owner out of the published snapshot', () => {
    expect(snapshotOf(recorded())).not.toHaveProperty('userId');
  });

  it('takes the calendar month of a date', () => {
    expect(monthOf('2026-02-28')).toBe('2026-02');
  });
});
