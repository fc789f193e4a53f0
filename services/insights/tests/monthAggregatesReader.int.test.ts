import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InvalidCursorError } from '@spendwise/lambda-kit/cursor';
import { budget, budgetSet, cal, categoryCreated, categoryRenamed, expense, MONTH, recorded } from './events';
import { type SpendingHarness, spendingHarness } from './support';

let harness: SpendingHarness;

beforeAll(async () => {
  harness = await spendingHarness();
});

afterAll(() => harness.close());

describe('buildMonthAggregatesReader', () => {
  it('gives empty lists for a month without data', async () => {
    expect(await harness.loadMonth('nobody', MONTH)).toEqual({
      userId: 'nobody',
      month: MONTH,
      totals: [],
      daily: [],
      budgets: [],
      anomalies: [],
      topMerchants: [],
      categoryNames: {},
    });
  });

  it('reads budgets, the names of own categories the month mentions, and only that month', async () => {
    const user = 'reader-user';
    await harness.deliverEach(
      categoryCreated(user, 'pets', 'Pets'),
      categoryRenamed(user, 'pets', 'Pets', 'Pets & Vet', 2),
      categoryCreated(user, 'garden', 'Garden'),
      budgetSet(user, budget({ categoryId: 'pets', minorUnits: 50000, thresholds: [90] })),
      recorded(user, expense({ categoryId: 'pets', minorUnits: 4000 })),
      recorded(user, expense({ categoryId: 'pets', minorUnits: 4000, date: cal.dayOf(cal.month, 1) })),
    );

    const month = await harness.loadMonth(user, MONTH);

    expect(month.totals).toEqual([{ categoryId: 'pets', currency: 'EUR', minorUnits: 4000, count: 1 }]);
    expect(month.budgets).toEqual([
      { categoryId: 'pets', amount: { minorUnits: 50000, currency: 'EUR' }, thresholds: [90] },
    ]);
    expect(month.categoryNames).toEqual({ pets: 'Pets & Vet' });
  });

  it('keeps the ten merchants with the most spending, largest first', async () => {
    const user = 'merchant-user';
    const merchants = Array.from({ length: 12 }, (_, i) =>
      recorded(user, expense({ merchant: `Shop ${String(i).padStart(2, '0')}`, minorUnits: 100 * (i + 1) })),
    );
    await harness.deliverEach(
      ...merchants,
      recorded(user, expense({ merchant: '  SHOP   11 ', minorUnits: 5 })),
    );

    const { topMerchants } = await harness.loadMonth(user, MONTH);

    expect(topMerchants).toHaveLength(10);
    expect(topMerchants[0]).toEqual({ merchant: 'shop 11', currency: 'EUR', minorUnits: 1205, count: 2 });
    expect(topMerchants.at(-1)?.merchant).toBe('shop 02');
  });
});

describe('buildActiveUsersReader', () => {
  it('pages through every user active in a month with an opaque cursor', async () => {
    const users = Array.from({ length: 130 }, (_, i) => `pager-${i}`);
    await Promise.all(users.map((user) => harness.store.markActiveInMonth(user, cal.monthsAgo(21))));

    const first = await harness.listActiveUsers(cal.monthsAgo(21));
    const second = await harness.listActiveUsers(cal.monthsAgo(21), first.cursor);

    expect(first.userIds).toHaveLength(100);
    expect(first.cursor).toEqual(expect.any(String));
    expect(new Set([...first.userIds, ...second.userIds])).toEqual(new Set(users));
    expect(second.cursor).toBeUndefined();
  });

  it('rejects a cursor it did not issue for that month', async () => {
    const { cursor } = await harness.listActiveUsers(cal.monthsAgo(21));

    await expect(harness.listActiveUsers(cal.monthsAgo(20), cursor)).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
    await expect(harness.listActiveUsers(cal.monthsAgo(21), 'garbage')).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });

  it('rejects a hand-made cursor for the right month', async () => {
    const handMade = Buffer.from(
      JSON.stringify({ GSI1PK: `ACTIVE#${cal.monthsAgo(21)}`, PK: 'x', SK: 'y' }),
    ).toString('base64url');

    await expect(harness.listActiveUsers(cal.monthsAgo(21), handMade)).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });
});
