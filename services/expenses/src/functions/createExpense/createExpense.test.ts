import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@spendwise/contracts';
import type { HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import type { MerchantRuleCopy, OwnCategoryCopy } from '../../domain/catalogCopy';
import type { Expense } from '../../domain/expense';
import type { CategoryGuard, SaveNewExpense } from '../../ports';
import { createExpenseHandler } from './createExpense';

const body = { amount: { minorUnits: 899, currency: 'GBP' }, date: '2026-11-02', tags: ['work'] };
const claims = { sub: 'user-42', scope: 'spendwise/expenses.write' };

/** A fake store with a copy of the catalog holding `categories` and `rules` of user-42. */
function fakeStore(copy: { categories?: OwnCategoryCopy[]; rules?: MerchantRuleCopy[] } = {}) {
  const saved: { expense: Expense; event: EventEnvelope; claim?: unknown; guard?: CategoryGuard }[] = [];
  const recorded: Expense[] = [];
  const saveNewExpense: SaveNewExpense = async (expense, event, claim, guard) => {
    saved.push({ expense, event, claim, guard });
    return { outcome: 'created', expense };
  };
  const findOwnCategory = async (userId: string, categoryId: string) =>
    copy.categories?.find((c) => c.userId === userId && c.categoryId === categoryId);
  const findMerchantRule = async (userId: string, merchant: string) =>
    copy.rules?.find((r) => r.userId === userId && r.merchant === merchant);
  // Nothing was recorded before in these tests: no key has a first answer to replay.
  const findReplay = async () => undefined;
  return { saved, recorded, saveNewExpense, findReplay, findOwnCategory, findMerchantRule };
}

const handlerWith = (store: ReturnType<typeof fakeStore>) =>
  createExpenseHandler({
    saveNewExpense: store.saveNewExpense,
    findReplay: store.findReplay,
    findOwnCategory: store.findOwnCategory,
    findMerchantRule: store.findMerchantRule,
    now: () => new Date('2026-11-02T12:00:00Z'),
    newId: () => '7f0c3b0e-5b9a-4c1e-9a57-0d6f3f2a1b11',
    onRecorded: (expense) => store.recorded.push(expense),
  });

const post = async (
  store: ReturnType<typeof fakeStore>,
  headers: Record<string, string> = {},
  payload: Record<string, unknown> = body,
) =>
  (await handlerWith(store)(
    httpEvent({ method: 'POST', path: '/expenses', body: payload, claims, headers, requestId: 'req-9' }),
    lambdaContext(),
  )) as HttpResponse;

const problemCode = (response: HttpResponse) => JSON.parse(response.body as string).code as string;

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

describe('POST /expenses and the copy of the catalog', () => {
  const own = (categoryId: string, archived: boolean): OwnCategoryCopy => ({
    userId: 'user-42',
    categoryId,
    archived,
    version: archived ? 2 : 1,
  });

  it("refuses a category that is neither a default nor one of the caller's, saving nothing", async () => {
    const store = fakeStore();

    const response = await post(store, {}, { ...body, categoryId: 'pets' });

    expect(response.statusCode).toBe(422);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(problemCode(response)).toBe('UNKNOWN_CATEGORY');
    expect(store.saved).toEqual([]);
    expect(store.recorded).toEqual([]);
  });

  it('refuses an archived own category with CATEGORY_ARCHIVED', async () => {
    const store = fakeStore({ categories: [own('pets', true)] });

    const response = await post(store, {}, { ...body, categoryId: 'pets' });

    expect(response.statusCode).toBe(422);
    expect(problemCode(response)).toBe('CATEGORY_ARCHIVED');
    expect(store.saved).toEqual([]);
  });

  it('files under an active own category and asks the write to re-check it', async () => {
    const store = fakeStore({ categories: [own('pets', false)] });

    const response = await post(store, {}, { ...body, categoryId: 'pets' });

    expect(response.statusCode).toBe(201);
    expect(store.saved[0]?.expense.categoryId).toBe('pets');
    expect(store.saved[0]?.guard).toEqual({ ownCategoryId: 'pets' });
  });

  it('needs no re-check for a default category', async () => {
    const store = fakeStore();

    await post(store, {}, { ...body, categoryId: 'groceries' });

    expect(store.saved[0]?.guard).toBeUndefined();
  });

  it("files an uncategorised expense by the caller's merchant rule, and the event carries that category", async () => {
    const rule = { userId: 'user-42', merchant: 'corner market', categoryId: 'groceries', version: 1 };
    const store = fakeStore({ rules: [rule] });

    const response = await post(store, {}, { ...body, merchant: '  Corner   MARKET ' });

    expect(response.statusCode).toBe(201);
    expect(store.saved[0]?.expense.categoryId).toBe('groceries');
    expect(store.saved[0]?.event.detail.data).toMatchObject({ expense: { categoryId: 'groceries' } });
  });

  it("never applies another user's merchant rule", async () => {
    const rule = { userId: 'someone-else', merchant: 'corner market', categoryId: 'groceries', version: 1 };
    const store = fakeStore({ rules: [rule] });

    await post(store, {}, { ...body, merchant: 'Corner Market' });

    expect(store.saved[0]?.expense.categoryId).toBe('uncategorized');
  });

  it('counts each newly recorded expense once for the ExpensesRecorded metric', async () => {
    const store = fakeStore();

    await post(store);

    expect(store.recorded.map((e) => e.expenseId)).toEqual(['7f0c3b0e-5b9a-4c1e-9a57-0d6f3f2a1b11']);
  });
});
