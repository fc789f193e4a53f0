import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@spendwise/contracts';
import type { HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import type { Budget } from '../../domain/budget';
import { archiveCategory, type Category, createCategory } from '../../domain/category';
import { setBudgetHandler } from './setBudget';

const now = new Date('2026-11-02T12:00:00Z');
const claims = { sub: 'user-42', scope: 'spendwise/catalog.write' };
const amount = { minorUnits: 40000, currency: 'EUR' };

function fakeStore(own: Category[] = [], budgets: Budget[] = []) {
  const saved: { budget: Budget; expectedVersion: number; event: EventEnvelope }[] = [];
  return {
    saved,
    findCategory: async (_user: string, id: string) => own.find((c) => c.categoryId === id),
    findBudget: async (_user: string, id: string) => budgets.find((b) => b.categoryId === id),
    saveBudget: async (budget: Budget, expectedVersion: number, event: EventEnvelope) => {
      saved.push({ budget, expectedVersion, event });
    },
  };
}

const put = async (store: ReturnType<typeof fakeStore>, categoryId: string, body: unknown) =>
  (await setBudgetHandler({ ...store, now: () => now })(
    httpEvent({
      method: 'PUT',
      path: `/budgets/${categoryId}`,
      body,
      claims,
      pathParameters: { categoryId },
    }),
    lambdaContext(),
  )) as HttpResponse;

describe('PUT /budgets/{categoryId}', () => {
  it('sets a budget on a default category with default thresholds and a BudgetSet event', async () => {
    const store = fakeStore();

    const response = await put(store, 'groceries', { amount });

    expect(response.statusCode).toBe(201);
    const [{ budget, event }] = store.saved as [(typeof store.saved)[number]];
    expect(budget).toMatchObject({ categoryId: 'groceries', thresholds: [80, 100], version: 1 });
    expect(event.detailType).toBe('BudgetSet');
    expect(event.detail.data).toEqual({ budget: JSON.parse(response.body as string) });
  });

  it.each([
    ['an unknown category', [] as Category[], 404, 'CATEGORY_NOT_FOUND'],
    [
      'an archived category',
      [archiveCategory(createCategory('Pets', { userId: 'user-42', now }), now)],
      409,
      'CATEGORY_ARCHIVED',
    ],
  ])('refuses %s without saving', async (_name, own, status, code) => {
    const store = fakeStore(own);

    const response = await put(store, 'pets', { amount });

    expect(response.statusCode).toBe(status);
    expect(JSON.parse(response.body as string).code).toBe(code);
    expect(store.saved).toEqual([]);
  });

  it.each([
    ['descending', [100, 80]],
    ['duplicate', [80, 80]],
    ['out of range', [0, 250]],
  ])('rejects %s thresholds with a 400', async (_name, thresholds) => {
    const store = fakeStore();

    const response = await put(store, 'groceries', { amount, thresholds });

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body as string).code).toBe('VALIDATION_FAILED');
    expect(store.saved).toEqual([]);
  });
});
