import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@spendwise/contracts';
import { testCalendar } from '@spendwise/test-kit';
import { buildExpenseStore } from '../src/adapters/expenseStore';
import { buildReceiptStore } from '../src/adapters/receiptStore';
import { ExpenseNotFoundError, StaleUploadError, StaleVersionError } from '../src/domain/errors';
import { changeExpense, type Expense, recordExpense } from '../src/domain/expense';
import { type PendingReceipt, withReceipt } from '../src/domain/receipt';
import { freshExpensesTable } from './support';

const cal = testCalendar();

let table: Awaited<ReturnType<typeof freshExpensesTable>>;
let expenses: ReturnType<typeof buildExpenseStore>;
let receipts: ReturnType<typeof buildReceiptStore>;
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

const receiptIds = ['0a1b2c3d-4e5f-4061-8273-8495a6b7c8d1', '0a1b2c3d-4e5f-4061-8273-8495a6b7c8d2'] as const;

async function savedExpense(userId: string, expenseId: string): Promise<Expense> {
  const expense = recordExpense(
    { amount: { minorUnits: 1000, currency: 'EUR' }, date: cal.day(4) },
    { userId, expenseId, now: cal.now },
  );
  await expenses.saveNewExpense(expense, event('ExpenseRecorded'));
  return expense;
}

const pendingOf = (expense: Expense, receiptId: string): PendingReceipt => ({
  userId: expense.userId,
  expenseId: expense.expenseId,
  receiptId,
  contentType: 'image/png',
  requestedAt: cal.now.toISOString(),
});

const receiptOf = (receiptId: string) => ({
  receiptId,
  contentType: 'image/png' as const,
  size: 68,
  attachedAt: cal.now.toISOString(),
});

const outboxOf = async (e: EventEnvelope) =>
  (await table.allItems()).filter(
    (item) => item.eventId === e.detail.metadata.eventId && item.type === 'Outbox',
  );

beforeAll(async () => {
  table = await freshExpensesTable();
  expenses = buildExpenseStore(table.documentClient, { tableName: table.tableName });
  receipts = buildReceiptStore(table.documentClient, { tableName: table.tableName });
});

afterAll(() => table.client.destroy());

describe('the receipt store on DynamoDB Local', () => {
  it('records a pending upload only for an existing expense, a newer one replacing it', async () => {
    const expense = await savedExpense('rs-u1', 'e-pending');

    await receipts.recordPendingReceipt(pendingOf(expense, receiptIds[0]));
    await receipts.recordPendingReceipt(pendingOf(expense, receiptIds[1]));

    expect(await receipts.findPendingReceipt('rs-u1', 'e-pending')).toEqual(
      pendingOf(expense, receiptIds[1]),
    );
    await expect(
      receipts.recordPendingReceipt(pendingOf({ ...expense, userId: 'rs-other' }, receiptIds[0])),
    ).rejects.toBeInstanceOf(ExpenseNotFoundError);
    expect(await receipts.findPendingReceipt('rs-other', 'e-pending')).toBeUndefined();
  });

  it('attaches: the next version with the receipt, the pending upload consumed, the event in the outbox', async () => {
    const expense = await savedExpense('rs-u2', 'e-attach');
    await receipts.recordPendingReceipt(pendingOf(expense, receiptIds[0]));
    const next = withReceipt(expense, receiptOf(receiptIds[0]), cal.now);
    const attached = event('ReceiptAttached');

    await receipts.attachReceipt(next, expense.version, attached);

    expect(await expenses.findExpense('rs-u2', 'e-attach')).toEqual(next);
    expect(await receipts.findPendingReceipt('rs-u2', 'e-attach')).toBeUndefined();
    expect(await outboxOf(attached)).toHaveLength(1);
  });

  it('refuses to attach an upload a newer request replaced, writing nothing', async () => {
    const expense = await savedExpense('rs-u3', 'e-stale');
    await receipts.recordPendingReceipt(pendingOf(expense, receiptIds[1]));
    const attached = event('ReceiptAttached');

    await expect(
      receipts.attachReceipt(withReceipt(expense, receiptOf(receiptIds[0]), cal.now), 1, attached),
    ).rejects.toBeInstanceOf(StaleUploadError);

    expect(await expenses.findExpense('rs-u3', 'e-stale')).toEqual(expense);
    expect(await outboxOf(attached)).toHaveLength(0);
  });

  it('refuses to attach over a change made since the read (StaleVersionError), and to a deleted expense', async () => {
    const expense = await savedExpense('rs-u4', 'e-moved');
    await receipts.recordPendingReceipt(pendingOf(expense, receiptIds[0]));
    const changed = changeExpense(expense, { note: 'changed meanwhile' }, cal.now).expense;
    await expenses.saveExpenseChange(changed, 1, event('ExpenseUpdated'));

    await expect(
      receipts.attachReceipt(
        withReceipt(expense, receiptOf(receiptIds[0]), cal.now),
        1,
        event('ReceiptAttached'),
      ),
    ).rejects.toBeInstanceOf(StaleVersionError);
    await expenses.deleteExpense(changed, 2, event('ExpenseDeleted'));
    await expect(
      receipts.attachReceipt(
        withReceipt(changed, receiptOf(receiptIds[0]), cal.now),
        2,
        event('ReceiptAttached'),
      ),
    ).rejects.toBeInstanceOf(ExpenseNotFoundError);
    expect(await receipts.findPendingReceipt('rs-u4', 'e-moved')).toEqual(pendingOf(expense, receiptIds[0]));
  });

  it('records a rejection and its event once per receipt id', async () => {
    const location = { userId: 'rs-u5', expenseId: 'e-rejected', receiptId: receiptIds[0] };
    const first = event('ReceiptRejected');
    const again = event('ReceiptRejected');

    expect(await receipts.recordReceiptRejection(location, first)).toBe('recorded');
    expect(await receipts.recordReceiptRejection(location, again)).toBe('already-recorded');

    expect(await outboxOf(first)).toHaveLength(1);
    expect(await outboxOf(again)).toHaveLength(0);
  });

  it('keeps the receipt through a PATCH of other fields (the full item is rewritten)', async () => {
    const expense = await savedExpense('rs-u6', 'e-patched');
    await receipts.recordPendingReceipt(pendingOf(expense, receiptIds[0]));
    const next = withReceipt(expense, receiptOf(receiptIds[0]), cal.now);
    await receipts.attachReceipt(next, 1, event('ReceiptAttached'));

    const read = (await expenses.findExpense('rs-u6', 'e-patched')) as Expense;
    const patched = changeExpense(read, { note: 'lunch' }, cal.now).expense;
    await expenses.saveExpenseChange(patched, 2, event('ExpenseUpdated'));

    expect(await expenses.findExpense('rs-u6', 'e-patched')).toMatchObject({
      version: 3,
      note: 'lunch',
      receipt: receiptOf(receiptIds[0]),
    });
  });
});
