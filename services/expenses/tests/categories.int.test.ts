import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lambdaContext, sqsEvent } from '@spendwise/lambda-kit/testing';
import { applyCatalogChangeHandler } from '../src/functions/applyCatalogChange/applyCatalogChange';
import type { FindOwnCategory } from '../src/ports';
import { cal, expensesApi, lunch } from './api';
import { categoryArchived, categoryCreated, merchantRuleSet } from './catalogEvents';
import { freshExpensesTable } from './support';

let table: Awaited<ReturnType<typeof freshExpensesTable>>;
let api: ReturnType<typeof expensesApi>;
let consume: (...bodies: unknown[]) => Promise<void>;

beforeAll(async () => {
  table = await freshExpensesTable();
  api = expensesApi(table);
  const consumer = applyCatalogChangeHandler({ applyCatalogCopyChange: api.copy.applyCatalogCopyChange });
  // The copy is seeded the way production fills it: catalog events through the real consumer.
  consume = async (...bodies) => {
    const { batchItemFailures } = await consumer(sqsEvent(bodies.map((body) => ({ body }))), lambdaContext());
    if (batchItemFailures.length > 0) throw new Error('the consumer refused a seed event');
  };
});

afterAll(() => table.client.destroy());

const itemsOf = async (user: string) => (await table.allItems()).filter((item) => item.PK === `USER#${user}`);
const outboxCount = async () => (await table.allItems()).filter((item) => item.type === 'Outbox').length;

describe('categories of new expenses, checked against the copy of the catalog', () => {
  it('refuses an unknown category with 422 UNKNOWN_CATEGORY and writes nothing', async () => {
    const before = await table.allItems();

    const answer = await api.create({ user: 'ann', body: { ...lunch, categoryId: 'pets' } });

    expect(answer.status).toBe(422);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.body.code).toBe('UNKNOWN_CATEGORY');
    expect(await table.allItems()).toEqual(before);
  });

  it('accepts a category once its CategoryCreated has reached the copy', async () => {
    await consume(categoryCreated('ben', 'pets'));

    const answer = await api.create({ user: 'ben', body: { ...lunch, categoryId: 'pets' } });

    expect(answer.status).toBe(201);
    expect(answer.body.categoryId).toBe('pets');
  });

  it('refuses an archived own category with 422 CATEGORY_ARCHIVED and writes nothing', async () => {
    await consume(categoryCreated('cat', 'pets'), categoryArchived('cat', 'pets', 2));
    const before = await itemsOf('cat');
    const outbox = await outboxCount();

    const answer = await api.create({ user: 'cat', body: { ...lunch, categoryId: 'pets' } });

    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('CATEGORY_ARCHIVED');
    expect(await itemsOf('cat')).toEqual(before);
    expect(await outboxCount()).toBe(outbox);
  });

  it('refuses the write when the category is archived between the check and the transaction', async () => {
    await consume(categoryCreated('dan', 'pets'));
    // The archive lands right after the request read the copy.
    const findThenArchive: FindOwnCategory = async (userId, categoryId) => {
      const found = await api.copy.findOwnCategory(userId, categoryId);
      await consume(categoryArchived(userId, categoryId, 2));
      return found;
    };
    const racing = expensesApi(table, { findOwnCategory: findThenArchive });

    const answer = await racing.create({ user: 'dan', body: { ...lunch, categoryId: 'pets' } });

    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('CATEGORY_ARCHIVED');
    expect((await itemsOf('dan')).filter((item) => item.type === 'Expense')).toEqual([]);
  });

  it('replays a recorded request when its retry comes after the category was archived', async () => {
    await consume(categoryCreated('eve', 'pets'));
    const headers = { 'idempotency-key': 'eve-retry-0001' };
    const first = await api.create({ user: 'eve', body: { ...lunch, categoryId: 'pets' }, headers });
    await consume(categoryArchived('eve', 'pets', 2));

    const retry = await api.create({ user: 'eve', body: { ...lunch, categoryId: 'pets' }, headers });
    const fresh = await api.create({
      user: 'eve',
      body: { ...lunch, categoryId: 'pets' },
      headers: { 'idempotency-key': 'eve-other-0001' },
    });

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.expenseId).toBe(first.body.expenseId);
    expect(fresh.status).toBe(422);
    expect(fresh.body.code).toBe('CATEGORY_ARCHIVED');
  });

  it("does not accept another user's category", async () => {
    await consume(categoryCreated('eve', 'garden'));

    const answer = await api.create({ user: 'fay', body: { ...lunch, categoryId: 'garden' } });

    expect(answer.body.code).toBe('UNKNOWN_CATEGORY');
  });
});

describe('changing the category of an expense', () => {
  it('refuses moving an expense into an archived category, and keeps it as it was', async () => {
    await consume(categoryCreated('gus', 'pets'), categoryArchived('gus', 'pets', 2));
    const created = await api.create({ user: 'gus', body: lunch });
    const id = created.body.expenseId as string;

    const answer = await api.update(id, {
      user: 'gus',
      body: { categoryId: 'pets' },
      headers: { 'if-match': '"1"' },
    });

    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('CATEGORY_ARCHIVED');
    expect((await api.get(id, { user: 'gus' })).body).toEqual(created.body);
  });

  it('refuses moving an expense into an unknown category', async () => {
    const created = await api.create({ user: 'hal', body: lunch });

    const answer = await api.update(created.body.expenseId as string, {
      user: 'hal',
      body: { categoryId: 'nowhere' },
      headers: { 'if-match': '"1"' },
    });

    expect(answer.body.code).toBe('UNKNOWN_CATEGORY');
  });

  it('still changes other fields of an expense whose category was archived since', async () => {
    await consume(categoryCreated('ida', 'pets'));
    const created = await api.create({ user: 'ida', body: { ...lunch, categoryId: 'pets' } });
    await consume(categoryArchived('ida', 'pets', 2));

    const answer = await api.update(created.body.expenseId as string, {
      user: 'ida',
      body: { note: 'vet visit', categoryId: 'pets' },
      headers: { 'if-match': '"1"' },
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ categoryId: 'pets', note: 'vet visit', version: 2 });
  });
});

describe('merchant rules', () => {
  const uncategorised = { amount: { minorUnits: 420, currency: 'EUR' }, date: cal.day(5) };

  it('file an expense recorded without a category by its normalised merchant', async () => {
    await consume(merchantRuleSet('jo', 'corner market', 'groceries', 1));

    const answer = await api.create({ user: 'jo', body: { ...uncategorised, merchant: ' Corner  MARKET' } });

    expect(answer.status).toBe(201);
    expect(answer.body.categoryId).toBe('groceries');
    const outbox = (await table.allItems()).filter((item) => item.type === 'Outbox');
    const recorded = outbox.map((item) => JSON.parse(item.detail as string).data.expense);
    expect(recorded).toContainEqual(
      expect.objectContaining({ expenseId: answer.body.expenseId, categoryId: 'groceries' }),
    );
  });

  it("never apply to another user's expenses", async () => {
    await consume(merchantRuleSet('kim', 'bakery', 'dining', 1));

    const answer = await api.create({ user: 'lou', body: { ...uncategorised, merchant: 'Bakery' } });

    expect(answer.body.categoryId).toBe('uncategorized');
  });

  it('stop applying once removed', async () => {
    await consume(merchantRuleSet('max', 'bakery', 'dining', 1), merchantRuleSet('max', 'bakery', null, 2));

    const answer = await api.create({ user: 'max', body: { ...uncategorised, merchant: 'Bakery' } });

    expect(answer.body.categoryId).toBe('uncategorized');
  });

  it('never override a category the caller chose', async () => {
    await consume(merchantRuleSet('ned', 'bakery', 'dining', 1));

    const answer = await api.create({
      user: 'ned',
      body: { ...uncategorised, merchant: 'Bakery', categoryId: 'other' },
    });

    expect(answer.body.categoryId).toBe('other');
  });
});
