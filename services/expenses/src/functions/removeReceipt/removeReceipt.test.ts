import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@spendwise/contracts';
import type { HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import { testCalendar } from '@spendwise/test-kit';
import { type Expense, recordExpense } from '../../domain/expense';
import { removeReceiptHandler } from './removeReceipt';

const calendar = testCalendar();
const expenseId = '3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const receiptId = '0a1b2c3d-4e5f-4061-8273-8495a6b7c8d1';
const claims = { sub: 'user-7', scope: 'spendwise/expenses.write' };
const bare = recordExpense(
  { amount: { minorUnits: 1250, currency: 'EUR' }, date: calendar.today },
  { userId: 'user-7', expenseId, now: calendar.now },
);
const withReceipt: Expense = {
  ...bare,
  version: 2,
  receipt: { receiptId, contentType: 'image/png', size: 68, attachedAt: calendar.now.toISOString() },
};

function world(stored: Expense) {
  const saved: { expense: Expense; expected: number; event: EventEnvelope }[] = [];
  const handler = removeReceiptHandler({
    findExpense: async (userId, id) =>
      userId === stored.userId && id === stored.expenseId ? stored : undefined,
    saveExpenseChange: async (expense, expected, event) => {
      saved.push({ expense, expected, event });
    },
    now: () => calendar.now,
  });
  const remove = async (headers: Record<string, string> = {}, who = claims) =>
    (await handler(
      httpEvent({
        method: 'DELETE',
        path: `/expenses/${expenseId}/receipt`,
        pathParameters: { id: expenseId },
        claims: who,
        headers,
      }),
      lambdaContext(),
    )) as HttpResponse;
  return { saved, remove };
}

const codeOf = (response: HttpResponse) => JSON.parse(response.body as string).code;

describe('DELETE /expenses/{id}/receipt', () => {
  it('detaches the receipt in a new version and announces ReceiptRemoved with the file to delete', async () => {
    const { saved, remove } = world(withReceipt);

    const response = await remove({ 'if-match': '"2"' });

    expect(response.statusCode).toBe(204);
    expect(response.headers?.etag).toBe('"3"');
    expect(saved[0]?.expected).toBe(2);
    expect(saved[0]?.expense.receipt).toBeUndefined();
    expect(saved[0]?.event.detailType).toBe('ReceiptRemoved');
    expect((saved[0]?.event.detail as unknown as { data: unknown } | undefined)?.data).toEqual({
      expenseId,
      version: 3,
      receiptId,
      key: `receipts/user-7/${expenseId}/${receiptId}`,
    });
  });

  it('answers 404 RECEIPT_NOT_FOUND without a receipt, EXPENSE_NOT_FOUND for another person, 412 on a stale ETag', async () => {
    expect(codeOf(await world(bare).remove())).toBe('RECEIPT_NOT_FOUND');
    expect(
      codeOf(await world(withReceipt).remove({}, { sub: 'user-8', scope: 'spendwise/expenses.write' })),
    ).toBe('EXPENSE_NOT_FOUND');
    const stale = world(withReceipt);
    expect(codeOf(await stale.remove({ 'if-match': '"1"' }))).toBe('VERSION_MISMATCH');
    expect(stale.saved).toEqual([]);
  });
});
