import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@spendwise/contracts';
import type { HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import type { Category } from '../../domain/category';
import { createCategoryHandler } from './createCategory';

const claims = { sub: 'user-42', scope: 'spendwise/catalog.write' };

function fakeStore() {
  const saved: { category: Category; expectedVersion: number; event: EventEnvelope }[] = [];
  return {
    saved,
    saveCategory: async (category: Category, expectedVersion: number, event: EventEnvelope) => {
      saved.push({ category, expectedVersion, event });
    },
  };
}

const post = async (store: ReturnType<typeof fakeStore>, body: unknown, scope = claims.scope) =>
  (await createCategoryHandler({
    saveCategory: store.saveCategory,
    now: () => new Date('2026-11-02T12:00:00Z'),
  })(
    httpEvent({
      method: 'POST',
      path: '/categories',
      body,
      claims: { ...claims, scope },
      requestId: 'req-9',
    }),
    lambdaContext(),
  )) as HttpResponse;

describe('POST /categories', () => {
  it('saves a new category for the token user with a CategoryCreated event built from it', async () => {
    const store = fakeStore();

    const response = await post(store, { name: 'Café crème' });

    expect(response.statusCode).toBe(201);
    expect(response.headers?.location).toBe('/categories/cafe-creme');
    expect(response.headers?.etag).toBe('"1"');
    const [{ category, expectedVersion, event }] = store.saved as [(typeof store.saved)[number]];
    expect(category).toMatchObject({ userId: 'user-42', categoryId: 'cafe-creme', version: 1 });
    expect(expectedVersion).toBe(0);
    expect(event.detailType).toBe('CategoryCreated');
    expect(event.detail.metadata).toMatchObject({ userId: 'user-42', causationId: 'req-9' });
    expect(event.detail.data).toEqual({ category: { ...category, userId: undefined } });
  });

  it('answers 409 CATEGORY_EXISTS for the name of a default, saving nothing', async () => {
    const store = fakeStore();

    const response = await post(store, { name: 'Groceries' });

    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body as string).code).toBe('CATEGORY_EXISTS');
    expect(store.saved).toEqual([]);
  });

  it('refuses a token with only the read scope', async () => {
    const store = fakeStore();

    const response = await post(store, { name: 'Pets' }, 'spendwise/catalog.read');

    expect(response.statusCode).toBe(403);
    expect(store.saved).toEqual([]);
  });
});
