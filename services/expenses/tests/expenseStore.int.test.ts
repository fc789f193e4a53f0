import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@spendwise/contracts';
import { testCalendar } from '@spendwise/test-kit';
import { buildExpenseStore } from '../src/adapters/expenseStore';
import { ExpenseNotFoundError, IdempotencyKeyReusedError, StaleVersionError } from '../src/domain/errors';
import { changeExpense, type Expense, recordExpense } from '../src/domain/expense';
import { freshExpensesTable } from './support';

const cal = testCalendar();

let table: Awaited<ReturnType<typeof freshExpensesTable>>;
let store: ReturnType<typeof buildExpenseStore>;
let sequence = 0;

const event = (detailType: string): EventEnvelope =>
  ({
    source: 'spendwise.expenses',
    detailType,
    detail: {
      metadata: { eventId: `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}` },
      data: {},
    },
  }) as unknown as EventEnvelope;

const expense = (userId: string, expenseId: string, date = cal.day(4), categoryId = 'groceries'): Expense =>
  recordExpense(
    { amount: { minorUnits: 1000, currency: 'EUR' }, date, categoryId },
    { userId, expenseId, now: cal.now },
  );

beforeAll(async () => {
  table = await freshExpensesTable();
  store = buildExpenseStore(table.documentClient, { tableName: table.tableName });
});

afterAll(() => table.client.destroy());

describe('the expense store on DynamoDB Local', () => {
  it('writes a new expense and its outbox record together', async () => {
    const created = expense('store-u1', 'e-create');
    const announced = event('ExpenseRecorded');

    const result = await store.saveNewExpense(created, announced);

    expect(result).toEqual({ outcome: 'created', expense: created });
    expect(await store.findExpense('store-u1', 'e-create')).toEqual(created);
    const outbox = (await table.allItems()).filter(
      (item) => item.eventId === announced.detail.metadata.eventId,
    );
    expect(outbox).toHaveLength(1);
  });

  it('replays the first answer for a repeated idempotency key and writes nothing more', async () => {
    const claim = { key: 'key-replay-0001', requestHash: 'hash-a' };
    await store.saveNewExpense(expense('store-u2', 'e-first'), event('ExpenseRecorded'), claim);
    const itemsBefore = (await table.allItems()).length;

    const retry = await store.saveNewExpense(
      expense('store-u2', 'e-second'),
      event('ExpenseRecorded'),
      claim,
    );

    expect(retry.outcome).toBe('replayed');
    expect(retry.expense.expenseId).toBe('e-first');
    expect((await table.allItems()).length).toBe(itemsBefore);
  });

  it('refuses a repeated idempotency key with a different request', async () => {
    const key = 'key-reused-0001';
    await store.saveNewExpense(expense('store-u3', 'e-a'), event('ExpenseRecorded'), {
      key,
      requestHash: 'one',
    });

    const reuse = store.saveNewExpense(expense('store-u3', 'e-b'), event('ExpenseRecorded'), {
      key,
      requestHash: 'two',
    });

    await expect(reuse).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await store.findExpense('store-u3', 'e-b')).toBeUndefined();
  });

  it('lets exactly one of two concurrent changes to the same version win', async () => {
    const original = expense('store-u4', 'e-race');
    await store.saveNewExpense(original, event('ExpenseRecorded'));
    const a = changeExpense(original, { note: 'first writer' }, new Date()).expense;
    const b = changeExpense(original, { note: 'second writer' }, new Date()).expense;

    const outcomes = await Promise.allSettled([
      store.saveExpenseChange(a, 1, event('ExpenseUpdated')),
      store.saveExpenseChange(b, 1, event('ExpenseUpdated')),
    ]);

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(StaleVersionError);
    const stored = await store.findExpense('store-u4', 'e-race');
    expect(stored?.version).toBe(2);
    expect(['first writer', 'second writer']).toContain(stored?.note);
  });

  it('tells a missing expense from a stale one when deleting', async () => {
    const ghost = expense('store-u5', 'e-ghost');

    await expect(store.deleteExpense(ghost, 1, event('ExpenseDeleted'))).rejects.toBeInstanceOf(
      ExpenseNotFoundError,
    );
  });

  it('pages through a month newest first, and filters by category without scanning', async () => {
    const days = [1, 2, 3, 4, 5].map((day) => cal.dayOf(cal.previousMonth, day));
    for (const [i, day] of days.entries()) {
      await store.saveNewExpense(
        expense('store-u6', `e-${i}`, day, i % 2 ? 'rent' : 'food'),
        event('ExpenseRecorded'),
      );
    }
    await store.saveNewExpense(
      expense('store-u6', 'e-other-month', cal.lastDayOf(cal.monthsAgo(2))),
      event('ExpenseRecorded'),
    );

    const first = await store.listExpenses({ userId: 'store-u6', month: cal.previousMonth, limit: 3 });
    const second = await store.listExpenses({
      userId: 'store-u6',
      month: cal.previousMonth,
      limit: 3,
      cursor: first.nextCursor as string,
    });
    const rent = await store.listExpenses({
      userId: 'store-u6',
      month: cal.previousMonth,
      categoryId: 'rent',
      limit: 10,
    });

    expect(first.items.map((e) => e.date)).toEqual([days[4], days[3], days[2]]);
    expect(second.items.map((e) => e.date)).toEqual([days[1], days[0]]);
    expect(rent.items.map((e) => e.expenseId).sort()).toEqual(['e-1', 'e-3']);
  });

  it("never shows one user's expenses to another", async () => {
    await store.saveNewExpense(expense('store-owner', 'e-private'), event('ExpenseRecorded'));

    expect(await store.findExpense('store-intruder', 'e-private')).toBeUndefined();
    expect(
      (await store.listExpenses({ userId: 'store-intruder', month: cal.month, limit: 10 })).items,
    ).toEqual([]);
  });
});
