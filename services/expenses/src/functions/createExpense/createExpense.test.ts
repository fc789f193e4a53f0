import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@spendwise/contracts';
import type { HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import type { Expense } from '../../domain/expense';
import type { SaveNewExpense } from '../../ports';
import { createExpenseHandler } from './createExpense';

const body = { amount: { minorUnits: 899, currency: 'GBP' }, date: '2026-11-02', tags: ['work'] };
const claims = { sub: 'user-42', scope: 'spendwise/expenses.write' };

function fakeStore() {
  const saved: { expense: Expense; event: EventEnvelope; claim?: unknown }[] = [];
  const saveNewExpense: SaveNewExpense = async (expense, event, claim) => {
    saved.push({ expense, event, claim });
    return { outcome: 'created', expense };
  };
  return { saved, saveNewExpense };
}

const handlerWith = (store: ReturnType<typeof fakeStore>) =>
  createExpenseHandler({
    saveNewExpense: store.saveNewExpense,
    now: () => new Date('2026-11-02T12:00:00Z'),
    newId: () => '7f0c3b0e-5b9a-4c1e-9a57-0d6f3f2a1b11',
  });

const post = async (store: ReturnType<typeof fakeStore>, headers: Record<string, string> = {}) =>
  (await handlerWith(store)(
    httpEvent({ method: 'POST', path: '/expenses', body, claims, headers, requestId: 'req-9' }),
    lambdaContext(),
  )) as HttpResponse;

describe('POST /expenses', () => {
  it('saves the expense for the token user with an ExpenseRecorded event built from it', async () => {
    const store = fakeStore();

    const response = await post(store, { 'x-correlation-id': 'corr-123' });

    expect(response.statusCode).toBe(201);
    expect(store.saved).toHaveLength(1);
    const [{ expense, event }] = store.saved as [(typeof store.saved)[number]];
    expect(expense).toMatchObject({ userId: 'user-42', categoryId: 'uncategorized', version: 1 });
    expect(event.detailType).toBe('ExpenseRecorded');
    expect(event.detail.metadata).toMatchObject({
      userId: 'user-42',
      correlationId: 'corr-123',
      causationId: 'req-9',
    });
    expect(event.detail.data).toEqual({ expense: JSON.parse(response.body as string) });
  });

  it('passes a hash of the body with the Idempotency-Key, so a replay can be told from a reuse', async () => {
    const store = fakeStore();

    await post(store, { 'idempotency-key': 'client-key-001' });

    expect(store.saved[0]?.claim).toEqual({ key: 'client-key-001', requestHash: expect.any(String) });
  });

  it('rejects a malformed Idempotency-Key before saving anything', async () => {
    const store = fakeStore();

    const response = await post(store, { 'idempotency-key': 'bad key!' });

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body as string).code).toBe('INVALID_IDEMPOTENCY_KEY');
    expect(store.saved).toEqual([]);
  });

  it('refuses a token without the write scope', async () => {
    const store = fakeStore();
    const event = httpEvent({
      method: 'POST',
      path: '/expenses',
      body,
      claims: { sub: 'u', scope: 'spendwise/expenses.read' },
    });

    const response = (await handlerWith(store)(event, lambdaContext())) as HttpResponse;

    expect(response.statusCode).toBe(403);
    expect(store.saved).toEqual([]);
  });
});
