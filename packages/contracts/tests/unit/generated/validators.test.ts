import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  createEvent,
  ExpenseRecorded,
  type ExpenseSnapshot,
  ExpenseUpdated,
  validateExpenseRecordedV1,
  validateExpenseUpdatedV1,
} from '../../../src/index';
import { aContext, aSnapshot } from '../../fixtures';

/** The detail of an ExpenseRecorded v1 event around `expense`, not validated. */
function recordedDetail(expense: unknown) {
  const { detail } = createEvent(ExpenseRecorded, { expense: aSnapshot() }, aContext);
  return { ...detail, data: { expense } };
}

const accepts = (expense: Partial<Record<keyof ExpenseSnapshot, unknown>>) =>
  validateExpenseRecordedV1(recordedDetail({ ...aSnapshot(), ...expense }));

describe('generated event validators', () => {
  it('accept any whole amount from 1 to 10^11 minor units in an active currency', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000_000_000 }),
        fc.constantFrom('EUR', 'USD', 'JPY', 'KWD', 'XCG'),
        (minorUnits, currency) => expect(accepts({ amount: { minorUnits, currency } })).toBe(true),
      ),
    );
  });

  it.each([
    ['a fraction', { minorUnits: 4.5, currency: 'EUR' }],
    ['zero', { minorUnits: 0, currency: 'EUR' }],
    ['more than 10^11', { minorUnits: 100_000_000_001, currency: 'EUR' }],
    ['a lowercase currency', { minorUnits: 450, currency: 'eur' }],
    ['a withdrawn currency', { minorUnits: 450, currency: 'DEM' }],
    ['an amount as a string', { minorUnits: '450', currency: 'EUR' }],
    ['an extra property', { minorUnits: 450, currency: 'EUR', cents: 0 }],
  ])('reject %s as money', (_case, amount) => {
    expect(accepts({ amount })).toBe(false);
  });

  it('accept tags in any script, with spaces, underscores and dashes', () => {
    expect(accepts({ tags: ['Tōkyō 2025', 'عقار', '日本', 'work_trip', 'q1-2025'] })).toBe(true);
  });

  it.each([
    ['a tag starting with a space', [' travel']],
    ['a tag of 33 characters', ['a'.repeat(33)]],
    ['the same tag twice', ['travel', 'travel']],
    ['eleven tags', Array.from({ length: 11 }, (_, index) => `tag${index}`)],
  ])('reject %s', (_case, tags) => {
    expect(accepts({ tags })).toBe(false);
  });

  it('count a merchant in characters, so 200 emoji fit', () => {
    expect(accepts({ merchant: '🍜'.repeat(200) })).toBe(true);
    expect(accepts({ merchant: '🍜'.repeat(201) })).toBe(false);
  });

  it('reject a day that does not exist', () => {
    expect(accepts({ date: '2025-02-29' })).toBe(false);
  });

  it('reject a category slug with capitals', () => {
    expect(accepts({ categoryId: 'Groceries' })).toBe(false);
  });

  it('reject a detail whose metadata claims another version', () => {
    const detail = recordedDetail(aSnapshot());

    expect(validateExpenseRecordedV1({ ...detail, metadata: { ...detail.metadata, eventVersion: 2 } })).toBe(
      false,
    );
  });

  it('reject an update whose changed fields repeat', () => {
    const { detail } = createEvent(
      ExpenseUpdated,
      {
        expenseId: aSnapshot().expenseId,
        version: 2,
        changedFields: ['note'],
        previous: aSnapshot(),
        current: aSnapshot({ version: 2, note: 'n' }),
      },
      aContext,
    );

    expect(
      validateExpenseUpdatedV1({ ...detail, data: { ...detail.data, changedFields: ['note', 'note'] } }),
    ).toBe(false);
    expect(validateExpenseUpdatedV1.errors?.[0]?.keyword).toBe('uniqueItems');
  });
});
