import { describe, expect, it } from '@jest/globals';
import { httpSchemaId, testCalendar, violationsOf } from '@spendwise/test-kit';
import { changeExpense, recordExpense } from '../domain/expense';
import { presentExpense } from './present';

// The response schemas feed the OpenAPI documents: what the presenters really produce must conform to them.
const calendar = testCalendar();
const identity = { userId: 'user-1', expenseId: '3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', now: calendar.now };
const full = recordExpense(
  {
    amount: { minorUnits: 1250, currency: 'EUR' },
    date: calendar.today,
    categoryId: 'groceries',
    merchant: 'Corner shop',
    note: 'weekly',
    tags: ['home'],
  },
  identity,
);
const bare = recordExpense({ amount: { minorUnits: 1, currency: 'JPY' }, date: calendar.day(1) }, identity);

describe('expenses responses', () => {
  it.each([
    ['with every field', full],
    ['with only the required fields', bare],
    ['after a change', changeExpense(full, { note: 'changed' }, calendar.now).expense],
    [
      'with a receipt',
      {
        ...full,
        version: 2,
        receipt: {
          receiptId: '0a1b2c3d-4e5f-4061-8273-8495a6b7c8d1',
          contentType: 'application/pdf' as const,
          size: 52011,
          attachedAt: calendar.now.toISOString(),
        },
      },
    ],
  ])('an expense %s conforms to ExpenseResponse', (_, expense) => {
    expect(violationsOf(httpSchemaId('expenses', 'ExpenseResponse'), presentExpense(expense))).toEqual([]);
  });

  it('a page conforms to ExpensePageResponse, with and without a cursor', () => {
    const id = httpSchemaId('expenses', 'ExpensePageResponse');

    expect(violationsOf(id, { items: [full, bare].map(presentExpense), nextCursor: 'abc_DEF-1' })).toEqual(
      [],
    );
    expect(violationsOf(id, { items: [] })).toEqual([]);
  });

  it('refuses what the presenter never sends (the owner)', () => {
    expect(violationsOf(httpSchemaId('expenses', 'ExpenseResponse'), full)).toEqual([
      '/ must NOT have additional properties',
    ]);
  });
});
