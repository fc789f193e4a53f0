import { describe, expect, it } from '@jest/globals';
import { matchesEventPattern } from './eventPattern';

/** A Spendwise-shaped event, for the traps the issue lists. */
const EXPENSE_RECORDED = {
  source: 'spendwise.expenses',
  'detail-type': 'ExpenseRecorded',
  detail: {
    expenseId: 'exp-1',
    amount: { value: 300, currency: 'EUR' },
    category: 'Groceries',
    tags: ['food', 'weekly'],
    items: [
      { name: 'apples', price: 3 },
      { name: 'bread', price: 2 },
    ],
  },
};

interface Row {
  name: string;
  pattern: unknown;
  event?: unknown;
  matches: boolean;
}

describe('traps', () => {
  it.each<Row>([
    {
      name: 'a pattern on a detail field absent from the event does not match',
      pattern: { detail: { merchant: ['Lidl'] } },
      matches: false,
    },
    {
      name: 'anything-but on an absent field does not match',
      pattern: { detail: { merchant: [{ 'anything-but': 'Lidl' }] } },
      matches: false,
    },
    {
      name: 'numeric on an absent field does not match',
      pattern: { detail: { total: [{ numeric: ['>', 0] }] } },
      matches: false,
    },
    {
      name: 'a pattern on detail when the event has no detail does not match',
      pattern: { detail: { category: ['Groceries'] } },
      event: { source: 'spendwise.expenses' },
      matches: false,
    },
    {
      name: 'an object value never matches a leaf pattern',
      pattern: { detail: { amount: ['300'] } },
      matches: false,
    },
    {
      name: 'an object value never matches anything-but',
      pattern: { detail: { amount: [{ 'anything-but': 'x' }] } },
      matches: false,
    },
    {
      name: 'a nested pattern reaches into the object',
      pattern: { detail: { amount: { value: [300] } } },
      matches: true,
    },
    {
      name: '300 matches 300.0 numerically',
      pattern: { detail: { amount: { value: [300.0] } } },
      matches: true,
    },
    {
      name: 'numeric range on a nested amount matches',
      pattern: { detail: { amount: { value: [{ numeric: ['>=', 100, '<', 500] }] } } },
      matches: true,
    },
    {
      name: 'matching is case-sensitive on detail fields',
      pattern: { detail: { category: ['groceries'] } },
      matches: false,
    },
    {
      name: 'arrays in patterns mean OR',
      pattern: { detail: { category: ['Rent', 'Groceries'] } },
      matches: true,
    },
    {
      name: 'an event array matches when any element matches',
      pattern: { detail: { tags: ['weekly'] } },
      matches: true,
    },
    {
      name: 'an event array fails when no element matches',
      pattern: { detail: { tags: ['monthly'] } },
      matches: false,
    },
    {
      name: 'a nested pattern under an array of objects matches one element',
      pattern: { detail: { items: { name: ['bread'] } } },
      matches: true,
    },
    {
      name: 'fields of different array elements never combine (array consistency)',
      pattern: { detail: { items: { name: ['apples'], price: [2] } } },
      matches: false,
    },
    {
      name: 'fields of the same array element combine',
      pattern: { detail: { items: { name: ['apples'], price: [3] } } },
      matches: true,
    },
    {
      name: 'nested arrays are crushed',
      pattern: { employees: { firstName: ['Peter'] } },
      event: { employees: [[{ firstName: 'John' }, { firstName: 'Anna' }], [{ firstName: 'Peter' }]] },
      matches: true,
    },
    {
      name: 'the README Anna/Jones pattern does not match across elements',
      pattern: { employees: { firstName: ['Anna'], lastName: ['Jones'] } },
      event: {
        employees: [
          { firstName: 'Anna', lastName: 'Smith' },
          { firstName: 'Peter', lastName: 'Jones' },
        ],
      },
      matches: false,
    },
    {
      name: 'every field of the pattern must match (AND)',
      pattern: { source: ['spendwise.expenses'], 'detail-type': ['BudgetExceeded'] },
      matches: false,
    },
    {
      name: 'a pattern naming only source ignores every other field',
      pattern: { source: ['spendwise.expenses'] },
      matches: true,
    },
    {
      name: 'a leaf pattern where the event has an object descends nowhere',
      pattern: { detail: ['x'] },
      matches: false,
    },
    {
      name: 'a nested pattern where the event has a scalar does not match',
      pattern: { source: { name: ['x'] } },
      matches: false,
    },
    {
      name: 'a pattern given as JSON text is parsed',
      pattern: '{"detail":{"category":["Groceries"]}}',
      matches: true,
    },
    { name: 'a pattern that is not an object matches nothing', pattern: ['Groceries'], matches: false },
    { name: 'a pattern that is invalid JSON text matches nothing', pattern: '{detail', matches: false },
    { name: 'a scalar event matches no field', pattern: { source: ['x'] }, event: 'x', matches: false },
  ])('$name', ({ pattern, event, matches }) => {
    const result = matchesEventPattern(pattern, event ?? EXPENSE_RECORDED);

    expect(result).toBe(matches);
  });
});
