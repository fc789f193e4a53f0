import { describe, expect, it } from '@jest/globals';
import type { HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import { archiveCategory, createCategory, DEFAULT_CATEGORIES } from '../../domain/category';
import { listCategoriesHandler } from './listCategories';

const now = new Date('2026-11-02T12:00:00Z');
const own = [archiveCategory(createCategory('Pets', { userId: 'user-42', now }), now)];
const handler = listCategoriesHandler({ listCategories: async () => own });

const get = async (headers: Record<string, string> = {}) =>
  (await handler(
    httpEvent({
      method: 'GET',
      path: '/categories',
      claims: { sub: 'user-42', scope: 'spendwise/catalog.read' },
      headers,
    }),
    lambdaContext(),
  )) as HttpResponse;

describe('GET /categories', () => {
  it('lists the defaults and then the own categories, archived ones flagged, revalidated on every use', async () => {
    const response = await get();

    expect(response.statusCode).toBe(200);
    expect(response.headers?.['cache-control']).toBe('private, max-age=0, must-revalidate');
    const { items } = JSON.parse(response.body as string);
    expect(items).toHaveLength(DEFAULT_CATEGORIES.length + 1);
    expect(items[0]).toEqual({
      categoryId: 'groceries',
      name: 'Groceries',
      isDefault: true,
      archived: false,
    });
    expect(items.at(-1)).toMatchObject({ categoryId: 'pets', isDefault: false, archived: true, version: 2 });
  });

  it('answers 304 without a body when If-None-Match carries the current ETag', async () => {
    const { headers } = await get();

    const response = await get({ 'if-none-match': headers?.etag as string });

    expect(response.statusCode).toBe(304);
    expect(response.body).toBeUndefined();
    expect(response.headers?.etag).toBe(headers?.etag);
  });
});
