import { describe, expect, it } from '@jest/globals';
import type { HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import { httpSchemaId, testCalendar, violationsOf } from '@spendwise/test-kit';
import { ExpenseNotFoundError } from '../../domain/errors';
import { type Expense, recordExpense } from '../../domain/expense';
import type { PendingReceipt } from '../../domain/receipt';
import { getReceiptHandler } from '../getReceipt/getReceipt';
import { requestReceiptUploadHandler } from './requestReceiptUpload';

const calendar = testCalendar();
const expenseId = '3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const receiptId = '0a1b2c3d-4e5f-4061-8273-8495a6b7c8d1';
const writer = { sub: 'user-7', scope: 'spendwise/expenses.write' };
const reader = { sub: 'user-7', scope: 'spendwise/expenses.read' };
const expense = recordExpense(
  { amount: { minorUnits: 1250, currency: 'EUR' }, date: calendar.today },
  { userId: 'user-7', expenseId, now: calendar.now },
);
const withReceipt: Expense = {
  ...expense,
  version: 2,
  receipt: { receiptId, contentType: 'image/jpeg', size: 2048, attachedAt: calendar.now.toISOString() },
};

function fakes(stored: Expense[] = [expense]) {
  const pending: PendingReceipt[] = [];
  const presigned: { key: string; contentType: string }[] = [];
  const find = (userId: string, id: string) => stored.find((e) => e.userId === userId && e.expenseId === id);
  const upload = requestReceiptUploadHandler({
    recordPendingReceipt: async (p) => {
      if (!find(p.userId, p.expenseId)) throw new ExpenseNotFoundError(p.expenseId);
      pending.push(p);
    },
    presignUpload: async (key, contentType) => {
      presigned.push({ key, contentType });
      return {
        url: 'https://bucket.s3.eu-west-1.amazonaws.com/',
        fields: { key, 'Content-Type': contentType, Policy: 'p', 'X-Amz-Signature': 's' },
        expiresAt: new Date(calendar.now.getTime() + 300_000).toISOString(),
      };
    },
    newReceiptId: () => receiptId,
    now: () => calendar.now,
  });
  const download = getReceiptHandler({
    findExpense: async (userId, id) => find(userId, id),
    presignDownload: async (key) => ({
      url: `https://bucket.s3.eu-west-1.amazonaws.com/${key}?X-Amz-Signature=s`,
      expiresAt: new Date(calendar.now.getTime() + 300_000).toISOString(),
    }),
  });
  return { pending, presigned, upload, download };
}

const call = async (handler: ReturnType<typeof fakes>['upload'], input: Parameters<typeof httpEvent>[0]) =>
  (await handler(httpEvent(input), lambdaContext())) as HttpResponse;
const json = (response: HttpResponse) => JSON.parse(response.body as string);

describe('POST /expenses/{id}/receipt', () => {
  const post = (world: ReturnType<typeof fakes>, body: unknown, id = expenseId, claims = writer) =>
    call(world.upload, {
      method: 'POST',
      path: `/expenses/${id}/receipt`,
      pathParameters: { id },
      body,
      claims,
    });

  it('records the pending upload and answers a presigned POST for the key of the caller, the expense and a new id', async () => {
    const world = fakes();

    const response = await post(world, { contentType: 'image/png' });

    expect(response.statusCode).toBe(201);
    expect(world.pending).toEqual([
      {
        userId: 'user-7',
        expenseId,
        receiptId,
        contentType: 'image/png',
        requestedAt: calendar.now.toISOString(),
      },
    ]);
    expect(world.presigned).toEqual([
      { key: `receipts/user-7/${expenseId}/${receiptId}`, contentType: 'image/png' },
    ]);
    expect(violationsOf(httpSchemaId('expenses', 'ReceiptUploadResponse'), json(response))).toEqual([]);
  });

  it.each([['image/gif'], ['text/html'], ['']])(
    'refuses content type %p with 400 VALIDATION_FAILED',
    async (type) => {
      const world = fakes();

      const response = await post(world, { contentType: type });

      expect(response.statusCode).toBe(400);
      expect(json(response).code).toBe('VALIDATION_FAILED');
      expect(world.pending).toEqual([]);
    },
  );

  it("answers 404 EXPENSE_NOT_FOUND for an unknown or another person's expense, presigning nothing", async () => {
    const world = fakes();

    const response = await post(world, { contentType: 'image/png' }, expenseId, {
      sub: 'user-8',
      scope: 'spendwise/expenses.write',
    });

    expect(response.statusCode).toBe(404);
    expect(json(response).code).toBe('EXPENSE_NOT_FOUND');
    expect(world.presigned).toEqual([]);
  });

  it('needs the expenses.write scope', async () => {
    const response = await post(fakes(), { contentType: 'image/png' }, expenseId, reader);

    expect(response.statusCode).toBe(403);
  });
});

describe('GET /expenses/{id}/receipt', () => {
  const get = (world: ReturnType<typeof fakes>, id = expenseId, claims = reader) =>
    call(world.download, { method: 'GET', path: `/expenses/${id}/receipt`, pathParameters: { id }, claims });

  it('answers a presigned GET of the attached receipt with its checked type', async () => {
    const response = await get(fakes([withReceipt]));

    expect(response.statusCode).toBe(200);
    const body = json(response);
    expect(body.contentType).toBe('image/jpeg');
    expect(body.url).toContain(`receipts/user-7/${expenseId}/${receiptId}`);
    expect(response.headers?.['cache-control']).toBe('no-store');
    expect(violationsOf(httpSchemaId('expenses', 'ReceiptResponse'), body)).toEqual([]);
  });

  it('answers 404 RECEIPT_NOT_FOUND for an expense without a receipt', async () => {
    const response = await get(fakes([expense]));

    expect(response.statusCode).toBe(404);
    expect(json(response).code).toBe('RECEIPT_NOT_FOUND');
  });

  it("answers 404 EXPENSE_NOT_FOUND for another person's receipt", async () => {
    const response = await get(fakes([withReceipt]), expenseId, {
      sub: 'user-8',
      scope: 'spendwise/expenses.read',
    });

    expect(response.statusCode).toBe(404);
    expect(json(response).code).toBe('EXPENSE_NOT_FOUND');
  });
});
