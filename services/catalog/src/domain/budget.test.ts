import { describe, expect, it } from '@jest/globals';
import { budgetSnapshot, removeBudget, setBudget } from './budget';
import { BudgetNotFoundError, InvalidThresholdsError } from './errors';

const now = new Date('2026-11-05T10:00:00.000Z');
const later = new Date('2026-11-06T08:30:00.000Z');
const identity = { userId: 'user-1', categoryId: 'groceries', now };
const amount = { minorUnits: 40000, currency: 'EUR' } as const;

describe('setBudget', () => {
  it('creates version 1 with the default thresholds 80 and 100', () => {
    expect(setBudget(undefined, { amount }, identity)).toEqual({
      userId: 'user-1',
      categoryId: 'groceries',
      amount,
      thresholds: [80, 100],
      removed: false,
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  });

  it('replaces a budget into the next version, keeping its creation time', () => {
    const first = setBudget(undefined, { amount }, identity);

    const next = setBudget(
      first,
      { amount: { minorUnits: 1, currency: 'EUR' }, thresholds: [50] },
      {
        ...identity,
        now: later,
      },
    );

    expect(next).toMatchObject({ version: 2, thresholds: [50], createdAt: now.toISOString() });
  });

  it.each([[[100, 80]], [[80, 80]]])(
    'refuses thresholds %p that are not strictly ascending',
    (thresholds) => {
      expect(() => setBudget(undefined, { amount, thresholds }, identity)).toThrow(InvalidThresholdsError);
    },
  );

  it('continues the version of a removed budget, so consumers can order every change', () => {
    const removed = removeBudget(setBudget(undefined, { amount }, identity), 'groceries', later);

    const again = setBudget(removed, { amount }, { ...identity, now: later });

    expect(again).toMatchObject({ version: 3, removed: false, createdAt: later.toISOString() });
  });
});

describe('removeBudget', () => {
  it('marks the budget removed in the next version', () => {
    const removed = removeBudget(setBudget(undefined, { amount }, identity), 'groceries', later);

    expect(removed).toMatchObject({ removed: true, version: 2 });
  });

  it('refuses to remove a budget that is not there', () => {
    expect(() => removeBudget(undefined, 'groceries', later)).toThrow(BudgetNotFoundError);
    const removed = removeBudget(setBudget(undefined, { amount }, identity), 'groceries', later);
    expect(() => removeBudget(removed, 'groceries', later)).toThrow(BudgetNotFoundError);
  });

  it('publishes neither the owner nor the tombstone flag', () => {
    const snapshot = budgetSnapshot(setBudget(undefined, { amount }, identity));

    expect(Object.keys(snapshot).sort()).toEqual(
      ['amount', 'categoryId', 'createdAt', 'thresholds', 'updatedAt', 'version'].sort(),
    );
  });
});
